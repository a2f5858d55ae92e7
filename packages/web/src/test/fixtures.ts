import { type CaseEventName, LIVE_INVITATION_STATUSES } from '@leqi/domain';
import { INVITATION_STATUS_LABELS, STATUS_LABELS, SUBSCRIPTION_STATUS_LABELS } from '../app/messages.ts';
import type { SessionViewer } from '../app/viewer.ts';
import type {
  AccessApplication,
  EligibilityCheck,
  EligibilityReport,
  EnterpriseFacts,
  Material,
} from '../features/access-application/api.ts';
import type { CapabilitySubscription } from '../features/capabilities/api.ts';
import type { ExitApplication } from '../features/exit/api.ts';
import type { Binding, Invitation } from '../features/invitations/fields.ts';
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
    accountId: 'user-yf-legal',
    username: 'yf.legal',
    displayName: '云帆 法定代表人',
    role: 'ENTERPRISE',
    identityType: 'LEGAL_REPRESENTATIVE',
    enterprise: { id: 'ent-yf', uscc: '91440100628194821M', name: '广州云帆科技集团有限公司' },
    authority: null,
    passwordChangeRequired: null,
    passwordExpiresAt: '2027-03-01T00:00:00.000Z',
    twoFactorEnabled: false,
    twoFactorRequired: false,
    ...overrides,
  };
}

export function officerViewer(overrides: Partial<SessionViewer> = {}): SessionViewer {
  return {
    accountId: 'user-th-1',
    username: 'th.officer1',
    displayName: '天河 审核员一',
    role: 'OFFICER',
    identityType: null,
    enterprise: null,
    authority: { code: '14401060000', name: '广州市天河区税务局', level: 'LOCAL' },
    passwordChangeRequired: null,
    passwordExpiresAt: '2027-03-01T00:00:00.000Z',
    twoFactorEnabled: false,
    twoFactorRequired: false,
    ...overrides,
  };
}

export function check(overrides: Partial<EligibilityCheck> = {}): EligibilityCheck {
  return {
    code: 'IN_PILOT',
    passed: true,
    label: '已纳入数电票开票试点',
    actual: 'yes',
    required: 'yes',
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
    blockedReasonCode: null,
    claim: null,
    claimOptions: { canClaim: false, canRelease: false, canReassign: false },
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
    claim: null,
    ageInWorkingDays: null,
    dueAt: null,
    dueState: null,
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

// ---- use units (接入邀请) -----------------------------------------------------------------------------------

export const DCU = {
  __typename: 'Enterprise',
  id: 'ent-sl',
  uscc: '913100005432319483',
  name: '上海申联数据服务有限公司',
};
export const USE_UNIT = {
  __typename: 'Enterprise',
  id: 'ent-slgz',
  uscc: '91440100792174218D',
  name: '广州申联信息技术有限公司',
};
export const GD_PROVINCE = {
  __typename: 'TaxAuthority',
  code: '14400000000',
  name: '国家税务总局广东省税务局',
  level: 'PROVINCIAL' as const,
};
export const TIANHE = {
  __typename: 'TaxAuthority',
  code: '14401060000',
  name: '广州市天河区税务局',
  level: 'LOCAL' as const,
};
export const HAIZHU = { __typename: 'TaxAuthority', code: '14401050000', name: '广州市海珠区税务局', level: 'LOCAL' };

export function material(overrides: Partial<Material> = {}): Material & { __typename: 'Material' } {
  return {
    __typename: 'Material',
    id: 'mat-proof-1',
    kind: 'RELATIONSHIP_PROOF',
    fileName: '股权结构证明.pdf',
    mimeType: 'application/pdf',
    size: 10240,
    createdAt: hoursAgo(50),
    downloadUrl: '/files/mat-proof-1?expires=1&signature=abc',
    ...overrides,
  };
}

const OFFICIAL_CODES: Record<string, number> = {
  PENDING_RESPONSE: 0,
  PENDING_ACCEPTANCE: 1,
  NOT_ACCEPTED: 2,
  PENDING_CONFIRMATION: 3,
  CONFIRMED: 4,
  CONFIRMATION_REJECTED: 5,
  UNBOUND: 6,
  DECLINED: 8,
  CANCELLED: 10,
};

/** What the server offers each side on an ACTIVE binding (Binding.availableActions). */
export const UNBIND_BY_DCU = [{ __typename: 'CaseAction', event: 'unbindByDirectUnit' as CaseEventName }];
export const UNBIND_BY_USE_UNIT = [{ __typename: 'CaseAction', event: 'unbindByUseUnit' as CaseEventName }];

/** What the server offers the use unit on an invitation awaiting its response (availableActions). */
export const RESPONSE_ACTIONS = [
  { __typename: 'CaseAction', event: 'respond' as CaseEventName, label: '确认邀请', needsReason: false },
  { __typename: 'CaseAction', event: 'decline' as CaseEventName, label: '拒绝邀请', needsReason: false },
];

export function invitation(overrides: Partial<Invitation> = {}): Invitation {
  const status = overrides.status ?? 'PENDING_RESPONSE';
  return {
    __typename: 'Invitation',
    id: 'inv-1',
    version: 1,
    status,
    statusLabel: INVITATION_STATUS_LABELS[status]?.zh ?? status,
    officialStatusCode: OFFICIAL_CODES[status] ?? 0,
    enterprise: USE_UNIT,
    directUnit: DCU,
    useUnitUscc: USE_UNIT.uscc,
    useUnitName: USE_UNIT.name,
    provinceAuthority: GD_PROVINCE,
    useUnitAuthority: null,
    relationship: 'PARENT_SUBSIDIARY',
    relationshipCode: '02',
    capabilityCodes: ['202007'],
    channel: 'WEB',
    // as the server: either side may replace the proof while the invitation is pending or bound
    mayReplaceProof: (LIVE_INVITATION_STATUSES as readonly string[]).includes(status),
    proofMaterials: [material()],
    binding: null,
    stepEnteredAt: hoursAgo(3),
    submittedAt: null,
    lastReason: null,
    availableActions: [],
    blockedReason: null,
    blockedReasonCode: null,
    claim: null,
    claimOptions: { canClaim: false, canRelease: false, canReassign: false },
    auditTrail: [
      {
        __typename: 'AuditEvent',
        id: 'ev-1',
        cursor: '1',
        event: 'invite',
        fromStatus: null,
        toStatus: 'PENDING_RESPONSE',
        actorName: '申联 经办人',
        actorRole: 'ENTERPRISE',
        reason: null,
        createdAt: hoursAgo(3),
      } as Invitation['auditTrail'][number],
    ],
    createdAt: hoursAgo(3),
    respondedAt: null,
    decidedAt: null,
    ...overrides,
  };
}

export function activeBinding(overrides: Partial<Binding> = {}): Binding {
  return {
    __typename: 'Binding',
    id: 'bind-1',
    version: 1,
    status: 'ACTIVE',
    boundAt: hoursAgo(1),
    unboundAt: null,
    availableActions: [],
    authorisations: [
      {
        __typename: 'CapabilityAuthorisation',
        id: 'auth-1',
        capabilityCode: '202007',
        capabilityName: '乐企自用基础版开票能力',
        validFrom: hoursAgo(1),
        validTo: '2099-01-01T00:00:00.000Z',
        status: 'ACTIVE',
      } as Binding['authorisations'][number],
    ],
    ...overrides,
  } as Binding;
}

export function invitationConnection<T>(nodes: T[], hasNextPage = false, totalCount = nodes.length) {
  return {
    __typename: 'InvitationConnection',
    totalCount,
    edges: nodes.map((node, i) => ({ __typename: 'InvitationEdge', cursor: `c${i}`, node })),
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage,
      endCursor: nodes.length ? `c${nodes.length - 1}` : null,
    },
  };
}

export const CAPABILITIES = [
  { __typename: 'Capability', code: '100010', name: '使用单位管理能力', isPublic: true },
  { __typename: 'Capability', code: '202007', name: '乐企自用基础版开票能力', isPublic: false },
  { __typename: 'Capability', code: '203059', name: '发票查验能力', isPublic: false },
];

// ---- exit and capabilities ----------------------------------------------------------------------------------

export const SHENLIAN = enterpriseFacts({
  id: 'ent-sl',
  uscc: '913100005432319483',
  name: '上海申联数据服务有限公司',
  competentAuthority: { code: '13101150000', name: '国家税务总局上海市浦东新区税务局', level: 'LOCAL' },
  dcuStatus: 'ACTIVE',
  leqiId: 'LQ310000261125123436',
  dcuExpiresAt: '2028-11-25T00:00:00.000Z',
});

export function exitApplication(overrides: Partial<ExitApplication> = {}): ExitApplication {
  const status = overrides.status ?? 'PENDING_ACCEPTANCE';
  return {
    __typename: 'ExitApplication',
    id: 'exit-1',
    version: 1,
    status,
    statusLabel: STATUS_LABELS[status]?.zh ?? status,
    enterprise: SHENLIAN,
    stepEnteredAt: hoursAgo(2),
    submittedAt: hoursAgo(3),
    lastReason: null,
    availableActions: [],
    blockedReason: null,
    blockedReasonCode: null,
    claim: null,
    claimOptions: { canClaim: false, canRelease: false, canReassign: false },
    auditTrail: [],
    materials: [material({ id: 'mat-exit-1', kind: 'EXIT_APPLICATION_FORM', fileName: '直连单位退出申请表.pdf' })],
    createdAt: hoursAgo(3),
    decidedAt: null,
    ...overrides,
  };
}

export function capabilitySubscription(overrides: Partial<CapabilitySubscription> = {}): CapabilitySubscription {
  const status = overrides.status ?? 'PENDING_APPROVAL';
  return {
    __typename: 'CapabilitySubscription',
    id: 'sub-1',
    version: 1,
    status,
    statusLabel: SUBSCRIPTION_STATUS_LABELS[status]?.zh ?? status,
    enterprise: {
      __typename: 'Enterprise',
      id: 'ent-sl',
      uscc: SHENLIAN.uscc,
      name: SHENLIAN.name,
      leqiId: SHENLIAN.leqiId,
      dcuStatus: 'ACTIVE',
    } as CapabilitySubscription['enterprise'],
    capabilityCodes: ['202007', '203059'],
    validUntil: '2027-12-31T00:00:00.000Z',
    businessSystemName: '申联财务共享平台',
    dailyVolumes: [
      { capabilityCode: '202007', volume: 5000 },
      { capabilityCode: '203059', volume: 20000 },
    ],
    businessScope: '集团内开票与发票查验',
    stepEnteredAt: hoursAgo(4),
    submittedAt: hoursAgo(4),
    lastReason: null,
    availableActions: [],
    blockedReason: null,
    blockedReasonCode: null,
    claim: null,
    claimOptions: { canClaim: false, canRelease: false, canReassign: false },
    auditTrail: [],
    createdAt: hoursAgo(4),
    decidedAt: null,
    ...overrides,
  };
}
