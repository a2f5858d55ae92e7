// Demo 接入申请: one filler company in every status (so every queue and list has a case on first start), and the
// application that made 上海申联数据 a DCU, each with the audit trail that replays to its status, told over the past
// working days (timeline.ts): the waiting ones fresh, due soon or overdue, the finished ones decided days ago.
import { type AccessApplicationStatus, isFinishedCase, makeUscc, provinceCodeOf } from '@leqi/domain';
import { newLeqiId } from '../features/access-application/leqi-id.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Moment, SeedStory, SeedWhen } from './timeline.ts';

export type SeededUsers = Map<string, { id: string; displayName: string; role: string }>;

/** The events that lead an access application to each status, with who performs them. */
const PATHS: Record<AccessApplicationStatus, [string, 'enterprise' | 'officer1' | 'officer2' | 'confirmer'][]> = {
  DRAFT: [['saveDraft', 'enterprise']],
  PENDING_ACCEPTANCE: [
    ['saveDraft', 'enterprise'],
    ['submit', 'enterprise'],
  ],
  NOT_ACCEPTED: [
    ['saveDraft', 'enterprise'],
    ['submit', 'enterprise'],
    ['refuse', 'officer1'],
  ],
  PENDING_REVIEW: [
    ['saveDraft', 'enterprise'],
    ['submit', 'enterprise'],
    ['accept', 'officer1'],
  ],
  REVIEW_REJECTED: [
    ['saveDraft', 'enterprise'],
    ['submit', 'enterprise'],
    ['accept', 'officer1'],
    ['rejectReview', 'officer2'],
  ],
  PENDING_CONFIRMATION: [
    ['saveDraft', 'enterprise'],
    ['submit', 'enterprise'],
    ['accept', 'officer1'],
    ['approveReview', 'officer2'],
  ],
  CONFIRMED: [
    ['saveDraft', 'enterprise'],
    ['submit', 'enterprise'],
    ['accept', 'officer1'],
    ['approveReview', 'officer2'],
    ['confirm', 'confirmer'],
  ],
  CONFIRMATION_REJECTED: [
    ['saveDraft', 'enterprise'],
    ['submit', 'enterprise'],
    ['accept', 'officer1'],
    ['approveReview', 'officer2'],
    ['rejectConfirmation', 'confirmer'],
  ],
};

const REASONS: Record<string, string> = {
  refuse: '提交的《乐企直连服务接入信息表》未加盖公章，请补正后重新申请。',
  rejectReview: '项目报告缺少安全方案与运维管理部分。',
  rejectConfirmation: '上一年度营业收入与申报材料不一致。',
};

const TO_STATUS: Record<string, AccessApplicationStatus> = {
  saveDraft: 'DRAFT',
  submit: 'PENDING_ACCEPTANCE',
  refuse: 'NOT_ACCEPTED',
  accept: 'PENDING_REVIEW',
  rejectReview: 'REVIEW_REJECTED',
  approveReview: 'PENDING_CONFIRMATION',
  confirm: 'CONFIRMED',
  rejectConfirmation: 'CONFIRMATION_REJECTED',
};

/** When the 广州 fillers' last step happened: the waiting ones by their due state, the others working days ago. */
const GUANGZHOU_WHEN: Record<AccessApplicationStatus, SeedWhen> = {
  DRAFT: 1,
  PENDING_ACCEPTANCE: 'OVERDUE',
  NOT_ACCEPTED: 6,
  PENDING_REVIEW: 'DUE_SOON',
  REVIEW_REJECTED: 9,
  PENDING_CONFIRMATION: 'ON_TIME',
  CONFIRMED: 14,
  CONFIRMATION_REJECTED: 3,
};
const SHANGHAI_WHEN = {
  PENDING_ACCEPTANCE: 'FRESH',
  PENDING_REVIEW: 'OVERDUE',
  PENDING_CONFIRMATION: 'DUE_SOON',
} as const;
/** 上海申联数据 became a DCU this many working days ago: before its subscription and its invitations */
export const SHENLIAN_CONFIRMED_AGE = 45;

/** Filler companies so every queue and list has a case in every status on first start. */
const FILLERS: {
  name: string;
  authority: string;
  status: AccessApplicationStatus;
  when: SeedWhen;
  officers: [string, string, string];
}[] = [
  ...(Object.keys(PATHS) as AccessApplicationStatus[]).map((status, index) => ({
    name: `广州示例${'一二三四五六七八'[index]}号科技有限公司`,
    authority: '14401060000',
    status,
    when: GUANGZHOU_WHEN[status],
    officers: ['th.officer1', 'th.officer2', 'gd.confirmer'] as [string, string, string],
  })),
  ...(['PENDING_ACCEPTANCE', 'PENDING_REVIEW', 'PENDING_CONFIRMATION'] as const).map((status, index) => ({
    name: `上海示例${'甲乙丙'[index]}信息有限公司`,
    authority: '13101150000',
    status,
    when: SHANGHAI_WHEN[status],
    officers: ['pd.officer1', 'pd.officer2', 'sh.confirmer'] as [string, string, string],
  })),
];

/** The filler companies, each with its application in its status. */
export async function seedFillerApplications(
  tx: Tx,
  story: SeedStory,
  users: SeededUsers,
  materials: Map<string, string>,
) {
  let serial = 1;
  for (const filler of FILLERS) {
    const uscc = makeUscc(
      `9${filler.authority.slice(1, 3) === '44' ? '1440100' : '1310000'}MA5${String(serial++).padStart(6, '0')}`,
    );
    const enterprise = await tx.enterprise.create({
      data: {
        uscc,
        name: filler.name,
        competentAuthorityCode: filler.authority,
        creditRating: 'A',
        inPilot: true,
        priorYearRevenue: 450_000_000,
        invoiceCount12m: 80_000,
        invoiceAmount12m: 700_000_000,
      },
    });
    await seedApplication(tx, story, enterprise, filler.status, filler.when, filler.officers, users, materials);
  }
}

export async function seedApplication(
  tx: Tx,
  { timeline, events }: SeedStory,
  enterprise: { id: string; uscc: string; competentAuthorityCode: string },
  status: AccessApplicationStatus,
  when: SeedWhen,
  [officer1, officer2, confirmer]: [string, string, string],
  users: SeededUsers,
  materials: Map<string, string>,
  applicant?: string,
) {
  const path = PATHS[status];
  const lastAge = timeline.lastAge('ACCESS_APPLICATION', status, when);
  const moments = timeline.story(path.length, lastAge, enterprise.uscc);
  const [first, lastMoment] = [moments[0], moments.at(-1)] as [Moment, Moment];
  const submitted = moments[path.findIndex(([event]) => event === 'submit')];
  const deciders = { officer1, officer2, confirmer } as const;
  const last = path.at(-1);
  const lastDecider = last && last[1] !== 'enterprise' ? users.get(deciders[last[1]]) : undefined;
  const application = await tx.accessApplication.create({
    data: {
      enterpriseId: enterprise.id,
      status,
      version: path.length - 1,
      claimsLivelihood: false,
      unitInfoConfirmed: true,
      basicInfo: {
        contactName: '王经办',
        contactPhone: '020-38880000',
        contactEmail: 'tax@example.com',
        registeredAddress: '广州市天河区示例路 1 号',
        businessScope: '软件和信息技术服务',
      },
      systemInfo: {
        systemName: '财务共享平台',
        systemVersion: 'V3.2',
        developerName: '自主研发',
        networkAddress: '10.20.30.40',
        deploymentLocation: '自有机房',
        description: '开票与收票集成',
      },
      competentAuthorityCode: enterprise.competentAuthorityCode,
      provinceCode: provinceCodeOf(enterprise.competentAuthorityCode),
      submittedAt: submitted?.at ?? null,
      stepEnteredAt: lastMoment.at,
      decidedAt: isFinishedCase('ACCESS_APPLICATION', status) ? lastMoment.at : null,
      lastDeciderId: lastDecider?.id ?? null,
      lastReason: last ? (REASONS[last[0]] ?? null) : null,
      createdById: applicant ? (users.get(applicant)?.id ?? 'seed') : 'seed',
      createdAt: first.at,
      updatedAt: lastMoment.at,
    },
  });
  await tx.caseMaterial.createMany({
    data: [...materials].map(([kind, materialId]) => ({
      caseKind: 'ACCESS_APPLICATION',
      caseId: application.id,
      materialId,
      kind,
      createdAt: first.at,
    })),
  });
  let from: AccessApplicationStatus | null = null;
  for (const [index, [event, who]] of path.entries()) {
    const user = who === 'enterprise' ? (applicant ? users.get(applicant) : undefined) : users.get(deciders[who]);
    const to = TO_STATUS[event] as AccessApplicationStatus;
    events.add((moments[index] as Moment).at, {
      caseKind: 'ACCESS_APPLICATION',
      caseId: application.id,
      event,
      fromStatus: from,
      toStatus: to,
      actorUserId: user?.id ?? null,
      actorName: user?.displayName ?? '企业经办人',
      actorRole: who === 'enterprise' ? 'ENTERPRISE' : 'OFFICER',
      reason: REASONS[event] ?? null,
      enterpriseId: enterprise.id,
      authorityCode: enterprise.competentAuthorityCode,
      provinceCode: provinceCodeOf(enterprise.competentAuthorityCode),
    });
    from = to;
  }
  if (status === 'CONFIRMED') {
    const confirmedAt = lastMoment.at;
    const expires = new Date(confirmedAt);
    expires.setFullYear(expires.getFullYear() + 2);
    await tx.enterprise.update({
      where: { id: enterprise.id },
      data: {
        dcuStatus: 'ACTIVE',
        leqiId: newLeqiId(enterprise.uscc, confirmedAt),
        dcuConfirmedAt: confirmedAt,
        dcuExpiresAt: expires,
      },
    });
  }
}
