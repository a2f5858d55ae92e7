import { gql } from 'urql';

export interface StatusCount {
  status: string;
  label: string;
  count: number;
}

export interface CaseProgress {
  id: string;
  status: string;
  statusLabel: string;
  step: 'ACCEPTANCE' | 'REVIEW' | 'CONFIRMATION' | null;
  since: string;
  lastReason: string | null;
}

export interface AccessValidity {
  endsAt: string;
  renewalRemindFrom: string;
  state: 'VALID' | 'RENEWAL_DUE' | 'EXPIRED';
  stateLabel: string;
  remindRenewal: boolean;
  daysLeft: number;
}

export interface EnterpriseOverview {
  enterprise: { id: string; name: string; uscc: string };
  dcuStatus: string;
  leqiId: string | null;
  confirmedAt: string | null;
  accessValidity: AccessValidity | null;
  accessApplication: CaseProgress | null;
  exitApplication: CaseProgress | null;
  sentInvitations: StatusCount[];
  receivedInvitations: StatusCount[];
  activeBindingCount: number;
  directUnit: { id: string; name: string; uscc: string } | null;
  subscriptions: StatusCount[];
  subscribedCapabilityCount: number;
  authorisationsGiven: number;
  authorisationsHeld: number;
}

const PROGRESS = 'id status statusLabel step since lastReason';
const COUNTS = 'status label count';

export const ENTERPRISE_OVERVIEW_QUERY = gql`
  query EnterpriseOverview {
    enterpriseOverview {
      enterprise { id name uscc }
      dcuStatus
      leqiId
      confirmedAt
      accessValidity { endsAt renewalRemindFrom state stateLabel remindRenewal daysLeft }
      accessApplication { ${PROGRESS} }
      exitApplication { ${PROGRESS} }
      sentInvitations { ${COUNTS} }
      receivedInvitations { ${COUNTS} }
      activeBindingCount
      directUnit { id name uscc }
      subscriptions { ${COUNTS} }
      subscribedCapabilityCount
      authorisationsGiven
      authorisationsHeld
    }
  }
`;
