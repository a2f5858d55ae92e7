import { type DcuStatus, IN_FLIGHT_ACCESS_STATUSES, isActiveDcu, mayApplyForAccess } from '@leqi/domain';
import { graphql, HttpResponse } from 'msw';
import type { SessionViewer } from '../app/viewer.ts';
import type { AccessApplication, EnterpriseFacts } from '../features/access-application/api.ts';
import type { ExitApplication } from '../features/exit/api.ts';
import type { Invitation } from '../features/invitations/fields.ts';
import { CAPABILITIES, DCU, enterpriseFacts, SHENLIAN, TIANHE } from './fixtures.ts';

export const demoUsers = [
  {
    username: 'yf.legal',
    displayName: '云帆 法定代表人',
    role: 'ENTERPRISE',
    hint: '广州云帆科技集团有限公司 · 可申请接入',
  },
  { username: 'th.officer1', displayName: '天河 审核员一', role: 'OFFICER', hint: '广州市天河区税务局 · 受理/复核' },
  {
    username: 'gd.confirmer',
    displayName: '广东省局 确认岗',
    role: 'OFFICER',
    hint: '国家税务总局广东省税务局 · 确认',
  },
];

/** Handlers every test gets; tests add their own with `server.use(...)`. */
export const defaultHandlers = [
  graphql.query('DemoUsers', () =>
    HttpResponse.json({ data: { demoUsers: demoUsers.map((u) => ({ __typename: 'DemoUser', ...u })) } }),
  ),
  graphql.query('SessionViewer', () => HttpResponse.json({ data: { viewer: null } })),
  // the inbox's webhook alerts (a legal representative's): no endpoint
  graphql.query('WebhookEndpoints', () =>
    HttpResponse.json({
      data: {
        webhookEventTypes: [],
        webhookEndpoints: {
          __typename: 'WebhookEndpointConnection',
          totalCount: 0,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: [],
        },
      },
    }),
  ),
  // the 消息通知 bell of every enterprise page
  graphql.query('UnreadNotificationCount', () => HttpResponse.json({ data: { unreadNotificationCount: 0 } })),
  // 审核工作台: no saved queue views unless a test says otherwise
  graphql.query('EarlierApplications', ({ variables }) =>
    HttpResponse.json({
      data: { node: { __typename: 'AccessApplication', id: variables.id, earlierApplications: [] } },
    }),
  ),
  graphql.query('QueueViews', () =>
    HttpResponse.json({ data: { viewer: { __typename: 'Viewer', accountId: 'user-th-1', queueViews: [] } } }),
  ),
  // 审核工作台's authority filter
  graphql.query('LocalTaxAuthorities', () => HttpResponse.json({ data: { taxAuthorities: [TIANHE] } })),
  // 上传材料: the forms offered beside their slots
  graphql.query('MaterialTemplates', () =>
    HttpResponse.json({
      data: {
        materialTemplates: [
          {
            __typename: 'MaterialTemplate',
            kind: 'ACCESS_INFO_FORM',
            url: '/templates/materials/ACCESS_INFO_FORM.xlsx',
          },
          { __typename: 'MaterialTemplate', kind: 'PROJECT_REPORT', url: '/templates/materials/PROJECT_REPORT.xlsx' },
        ],
      },
    }),
  ),
];

export function viewerHandler(viewer: SessionViewer) {
  return graphql.query('SessionViewer', () =>
    HttpResponse.json({ data: { viewer: { __typename: 'Viewer', ...viewer } } }),
  );
}

/**
 * 我的接入申请. The server's answer to "may a new application start" follows its rule unless a test sets it: not a
 * DCU (or no longer) and nothing in flight.
 */
export function myApplicationsHandler(
  applications: AccessApplication[],
  enterprise: EnterpriseFacts = applications[0]?.enterprise ?? enterpriseFacts(),
  mayStartAccessApplication = mayApplyForAccess(enterprise.dcuStatus as DcuStatus) &&
    !applications.some((a) => (IN_FLIGHT_ACCESS_STATUSES as readonly string[]).includes(a.status)),
) {
  return graphql.query('MyAccessApplications', () =>
    HttpResponse.json({
      data: {
        viewer: {
          __typename: 'Viewer',
          accountId: 'user-yf-legal',
          enterprise: { __typename: 'Enterprise', ...enterprise, mayStartAccessApplication },
          accessApplications: applications,
        },
      },
    }),
  );
}

export function success(application: AccessApplication) {
  return { __typename: 'AccessApplicationSuccess', accessApplication: application };
}

/** The viewer's enterprise as the invitation pages ask for it (DCU status, competent authority). */
export function invitationViewerHandler(
  enterprise: {
    id: string;
    uscc: string;
    name: string;
    dcuStatus: string;
    competentAuthority?: object;
    mayInviteUseUnits?: boolean;
  } = {
    ...DCU,
    dcuStatus: 'ACTIVE',
  },
) {
  return graphql.query('InvitationViewer', () =>
    HttpResponse.json({
      data: {
        viewer: {
          __typename: 'Viewer',
          accountId: 'viewer',
          enterprise: {
            __typename: 'Enterprise',
            competentAuthority: TIANHE,
            mayInviteUseUnits: isActiveDcu(enterprise.dcuStatus as DcuStatus),
            ...enterprise,
          },
        },
      },
    }),
  );
}

export const invitationHandlers = [
  invitationViewerHandler(),
  graphql.query('Capabilities', () => HttpResponse.json({ data: { capabilities: CAPABILITIES } })),
];

export function invitationSuccess(invitation: Invitation) {
  return { __typename: 'InvitationSuccess', invitation };
}

/** 申请退出: the viewer, its enterprise and its exit applications (newest first). */
export function exitPageHandler({
  canExit = true,
  identityType = 'LEGAL_REPRESENTATIVE',
  enterprise = SHENLIAN,
  exits = [],
  // as the server: an operator who may exit, of an ACTIVE DCU
  mayApplyForExit = canExit && enterprise.dcuStatus === 'ACTIVE',
}: {
  canExit?: boolean;
  identityType?: string;
  enterprise?: EnterpriseFacts;
  exits?: ExitApplication[];
  mayApplyForExit?: boolean;
} = {}) {
  return graphql.query('ExitPage', () =>
    HttpResponse.json({
      data: {
        viewer: {
          __typename: 'Viewer',
          accountId: 'user-sl-legal',
          identityType,
          canExit,
          enterprise: { __typename: 'Enterprise', ...enterprise, mayApplyForExit },
          exitApplications: exits,
        },
      },
    }),
  );
}

export const exitFormUrlHandler = graphql.query('ExitApplicationFormUrl', () =>
  HttpResponse.json({ data: { exitApplicationFormUrl: '/documents/exit-application-form.xlsx?u=1&e=2&s=sig' } }),
);

export function exitPrecheckHandler(activeBindingCount: number, overrides: Record<string, unknown> = {}) {
  return graphql.query('ExitPrecheck', () =>
    HttpResponse.json({
      data: {
        exitPrecheck: {
          __typename: 'ExitPrecheck',
          canExit: activeBindingCount === 0,
          activeBindingCount,
          identityAllowed: true,
          dcuStatus: 'ACTIVE',
          ...overrides,
        },
      },
    }),
  );
}
