// The invitation as the web reads it: statuses and limits from the domain, the fragments every invitation page shares.
import {
  INVITATION_STATUSES as DOMAIN_INVITATION_STATUSES,
  INVITE_WEB_MAX_ROWS,
  type InvitationStatus,
  invitationWorkflow,
  RELATIONSHIPS,
} from '@leqi/domain';
import { graphql, type ResultOf } from '../../app/graphql.ts';
import { REVIEW_CASE_FIELDS } from '../../ui/review-case-fields.ts';
import { AUTHORITY_FIELDS, ERROR_FIELDS, MATERIAL_FIELDS, PARTY_FIELDS } from '../../ui/shared-fields.ts';

/** 接入邀请 statuses in the manual's order with the official 接入状态 code (DESIGN §3.2). */
export const INVITATION_STATUSES = DOMAIN_INVITATION_STATUSES.map((status) => ({
  status,
  code: invitationWorkflow.statusInfo[status].officialCode ?? 0,
}));
export type { InvitationStatus };

export { RELATIONSHIPS };
/** Rows per 录入邀请 submission (manual §3.4.1.1). */
export const MAX_FORM_ROWS = INVITE_WEB_MAX_ROWS;
export const LIST_PAGE_SIZE = 20;

/** Finished without a binding (已拒绝, 不予受理, 确认不通过): the row offers 重新邀请, the form filled with it. */
const REINVITABLE_STATUSES: readonly InvitationStatus[] = ['DECLINED', 'NOT_ACCEPTED', 'CONFIRMATION_REJECTED'];
export const offersReinvite = (status: string) => (REINVITABLE_STATUSES as readonly string[]).includes(status);

/** What 重新邀请 hands the 新增邀请 form (router state). */
export interface ReinviteState {
  reinvite: {
    uscc: string;
    name: string;
    provinceAuthorityCode: string;
    relationship: InvitationRow['relationship'];
    capabilityCodes: string[];
  };
}

export const INVITATION_ROW_FIELDS = graphql(
  `
  fragment InvitationRowFields on Invitation {
    id
    version
    status
    statusLabel
    officialStatusCode
    useUnitUscc
    useUnitName
    relationship
    capabilityCodes
    channel
    createdAt
    lastReason
    directUnit {
      ...PartyFields
    }
    provinceAuthority {
      ...AuthorityFields
    }
    binding {
      id
      status
      availableActions {
        event
      }
    }
  }
`,
  [PARTY_FIELDS, AUTHORITY_FIELDS],
);

export const INVITATION_FIELDS = graphql(
  `
  fragment InvitationFields on Invitation {
    id
    version
    status
    statusLabel
    officialStatusCode
    enterprise {
      ...PartyFields
    }
    directUnit {
      ...PartyFields
    }
    useUnitUscc
    useUnitName
    provinceAuthority {
      ...AuthorityFields
    }
    useUnitAuthority {
      ...AuthorityFields
    }
    relationship
    relationshipCode
    capabilityCodes
    channel
    mayReplaceProof
    proofMaterials {
      ...MaterialFields
    }
    binding {
      id
      version
      status
      boundAt
      unboundAt
      availableActions {
        event
      }
      authorisations {
        id
        capabilityCode
        capabilityName
        validFrom
        validTo
        status
      }
    }
    ...ReviewCaseFields
    createdAt
    respondedAt
    decidedAt
  }
`,
  [REVIEW_CASE_FIELDS, PARTY_FIELDS, AUTHORITY_FIELDS, MATERIAL_FIELDS],
);

export const INVITATION_PAYLOAD_FIELDS = graphql(
  `
  fragment InvitationPayloadFields on InvitationPayload {
    __typename
    ... on InvitationSuccess {
      invitation {
        ...InvitationFields
      }
    }
    ...ErrorFields
    ... on StaleVersionError {
      currentVersion
    }
  }
`,
  [ERROR_FIELDS, INVITATION_FIELDS],
);

// The result types of the fragments above, inferred from schema.graphql.
export type Invitation = ResultOf<typeof INVITATION_FIELDS>;
/** A row of 邀请列表 / 响应邀请 (what the tables show). */
export type InvitationRow = ResultOf<typeof INVITATION_ROW_FIELDS>;
/** Every member of InvitationPayload. */
export type InvitationPayload = ResultOf<typeof INVITATION_PAYLOAD_FIELDS>;
export type Binding = NonNullable<Invitation['binding']>;
export type CapabilityAuthorisation = Binding['authorisations'][number];
export type PartyEnterprise = Invitation['directUnit'];
export type Authority = Invitation['provinceAuthority'];
