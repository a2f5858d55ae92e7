import { STATUS_LABELS } from '../app/messages.ts';
import type { SessionViewer } from '../app/viewer.ts';
import type {
  AccessApplication,
  EligibilityCheck,
  EligibilityReport,
  EnterpriseFacts,
} from '../features/access-application/api.ts';
import type { QueueCase } from '../features/workbench/api.ts';

/** Small factories: each returns a complete, valid object; pass only what the test is about. */

export const NOW = new Date();
export const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

export function enterpriseFacts(
  overrides: Partial<EnterpriseFacts> = {},
): EnterpriseFacts & { __typename: 'Enterprise' } {
  return {
    __typename: 'Enterprise',
    id: 'ent-yf',
    uscc: '91440100628194821M',
    name: '广州云帆科技集团有限公司',
    competentAuthority: { code: '14401060000', name: '广州市天河区税务局', level: 'LOCAL' },
    creditRating: 'A',
    inPilot: true,
    majorViolation: false,
    livelihoodIndustry: false,
    dcuStatus: 'NOT_CONNECTED',
    leqiId: null,
    dcuExpiresAt: null,
    ...overrides,
  };
}

export function enterpriseViewer(overrides: Partial<SessionViewer> = {}): SessionViewer {
  return {
    id: 'user-yf-legal',
    username: 'yf.legal',
    displayName: '云帆 法定代表人',
    role: 'ENTERPRISE',
    identityType: 'LEGAL_REPRESENTATIVE',
    enterprise: { id: 'ent-yf', uscc: '91440100628194821M', name: '广州云帆科技集团有限公司' },
    authority: null,
    ...overrides,
  };
}

export function officerViewer(overrides: Partial<SessionViewer> = {}): SessionViewer {
  return {
    id: 'user-th-1',
    username: 'th.officer1',
    displayName: '天河 审核员一',
    role: 'OFFICER',
    identityType: null,
    enterprise: null,
    authority: { code: '14401060000', name: '广州市天河区税务局', level: 'LOCAL' },
    ...overrides,
  };
}

export function check(overrides: Partial<EligibilityCheck> = {}): EligibilityCheck {
  return {
    code: 'IN_PILOT',
    passed: true,
    label: '已纳入数电票开票试点',
    actual: '是',
    required: '是',
    message: '',
    ...overrides,
  };
}

export function eligibilityReport(checks: EligibilityCheck[]): EligibilityReport {
  return { passed: checks.every((c) => c.passed), livelihoodThresholdsApplied: false, checks };
}

export function accessApplication(overrides: Partial<AccessApplication> = {}): AccessApplication {
  const status = overrides.status ?? 'DRAFT';
  return {
    __typename: 'AccessApplication',
    id: 'app-1',
    version: 1,
    status,
    statusLabel: STATUS_LABELS[status]?.zh ?? status,
    enterprise: enterpriseFacts(),
    stepEnteredAt: hoursAgo(26),
    submittedAt: status === 'DRAFT' ? null : hoursAgo(30),
    lastReason: null,
    availableActions: [],
    blockedReason: null,
    auditTrail: [],
    accessType: 'SELF_USE',
    claimsLivelihood: false,
    unitInfoConfirmed: true,
    builtByThirdParty: false,
    basicInfo: {
      contactName: '张三',
      contactPhone: '13800000000',
      contactEmail: 'zhangsan@yunfan.example',
      registeredAddress: '广州市天河区天河路1号',
      businessScope: '软件开发',
    },
    useUnits: [{ uscc: '91440100993518190W', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' }],
    systemInfo: {
      systemName: '云帆ERP',
      systemVersion: '3.2',
      developerName: '广州云帆科技集团有限公司',
      networkAddress: 'https://erp.yunfan.example',
      deploymentLocation: '广州',
      description: '集团财务系统',
    },
    materials: [],
    requiredMaterialKinds: [
      'ACCESS_INFO_FORM',
      'SERVICE_AGREEMENT',
      'SOFTWARE_COPYRIGHT',
      'PROJECT_REPORT',
      'NETWORK_ADDRESS_FORM',
    ],
    eligibilityReport: null,
    createdAt: hoursAgo(48),
    decidedAt: null,
    ...overrides,
  };
}

export function queueCase(overrides: Partial<QueueCase> = {}): QueueCase & { __typename: string } {
  return {
    __typename: 'AccessApplication',
    id: 'app-1',
    version: 2,
    status: 'PENDING_ACCEPTANCE',
    statusLabel: '待受理',
    stepEnteredAt: hoursAgo(5),
    submittedAt: hoursAgo(5),
    enterprise: { id: 'ent-yf', uscc: '91440100628194821M', name: '广州云帆科技集团有限公司' },
    ...overrides,
  };
}

export function connection<T>(nodes: T[]) {
  return {
    __typename: 'ReviewCaseConnection',
    totalCount: nodes.length,
    edges: nodes.map((node, i) => ({ __typename: 'ReviewCaseEdge', cursor: `c${i}`, node })),
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.length ? `c${nodes.length - 1}` : null },
  };
}
