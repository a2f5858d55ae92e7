// Demo exit applications (one in every 退出 status, each of its own DCU) and capability subscription
// applications in every status, so the exit and subscription queues and lists are never empty. Told over the past
// working days in the order the rules demand: a DCU's subscription is cancelled the moment its exit is submitted,
// revoked the moment its exit is confirmed, and applied for again only after its exit was refused.
import {
  type CapabilitySubscriptionStatus,
  dcuStatusAfterExit,
  type ExitApplicationStatus,
  isFinishedCase,
  makeUscc,
  provinceCodeOf,
} from '@leqi/domain';
import { newLeqiId } from '../features/access-application/leqi-id.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Moment, SeedStory, SeedTimeline, SeedWhen } from './timeline.ts';

type Users = Map<string, { id: string; displayName: string; role: string }>;
type Who = 'enterprise' | 'officer1' | 'officer2' | 'confirmer' | 'system';

const EXIT_STEPS: Record<string, [ExitApplicationStatus, Who]> = {
  submit: ['PENDING_ACCEPTANCE', 'enterprise'],
  accept: ['PENDING_REVIEW', 'officer1'],
  refuse: ['NOT_ACCEPTED', 'officer1'],
  approveReview: ['PENDING_CONFIRMATION', 'officer2'],
  rejectReview: ['REVIEW_REJECTED', 'officer2'],
  confirm: ['CONFIRMED', 'confirmer'],
  rejectConfirmation: ['CONFIRMATION_REJECTED', 'confirmer'],
};
/** When each exit's last step happened: the waiting ones by their due state, the others working days ago. */
const EXIT_WHEN: Record<ExitApplicationStatus, SeedWhen> = {
  PENDING_ACCEPTANCE: 'FRESH',
  NOT_ACCEPTED: 10,
  PENDING_REVIEW: 'ON_TIME',
  REVIEW_REJECTED: 12,
  PENDING_CONFIRMATION: 'LONG_OVERDUE',
  CONFIRMED: 15,
  CONFIRMATION_REJECTED: 7,
};
const EXIT_PATHS: Record<ExitApplicationStatus, string[]> = {
  PENDING_ACCEPTANCE: ['submit'],
  NOT_ACCEPTED: ['submit', 'refuse'],
  PENDING_REVIEW: ['submit', 'accept'],
  REVIEW_REJECTED: ['submit', 'accept', 'rejectReview'],
  PENDING_CONFIRMATION: ['submit', 'accept', 'approveReview'],
  CONFIRMED: ['submit', 'accept', 'approveReview', 'confirm'],
  CONFIRMATION_REJECTED: ['submit', 'accept', 'approveReview', 'rejectConfirmation'],
};
const REASONS: Record<string, string> = {
  refuse: '《直连单位退出申请表》未加盖单位公章。',
  rejectReview: '尚有未结清的能力调用费用核对事项，请处理后重新申请。',
  rejectConfirmation: '退出原因说明不充分，请补充后重新申请。',
  reject: '日使用量与业务规模不匹配，请核实后重新申请。',
  cancel: '直连单位已提交退出申请，在途申请自动置为不成功',
  revoke: '直连单位退出申请确认通过，已订阅能力及能力授权自动取消',
};

const TIANHE = '14401060000';
const OFFICERS: Record<Exclude<Who, 'enterprise' | 'system'>, string> = {
  officer1: 'th.officer1',
  officer2: 'th.officer2',
  confirmer: 'gd.confirmer',
};

async function fillerDcu(tx: Tx, timeline: SeedTimeline, serial: number, name: string) {
  const uscc = makeUscc(`91440100MA6${String(serial).padStart(6, '0')}`);
  const confirmedAt = new Date(timeline.now.getTime() - 400 * 24 * 3600_000);
  const expiresAt = new Date(confirmedAt);
  expiresAt.setFullYear(expiresAt.getFullYear() + 2);
  return tx.enterprise.create({
    data: {
      uscc,
      name,
      competentAuthorityCode: TIANHE,
      creditRating: 'A',
      inPilot: true,
      priorYearRevenue: 500_000_000,
      invoiceCount12m: 90_000,
      invoiceAmount12m: 800_000_000,
      dcuStatus: 'ACTIVE',
      leqiId: newLeqiId(uscc, confirmedAt),
      dcuConfirmedAt: confirmedAt,
      dcuExpiresAt: expiresAt,
    },
  });
}

function actor(users: Users, who: Who) {
  if (who === 'enterprise' || who === 'system') return null;
  return users.get(OFFICERS[who]) ?? null;
}

export async function seedExitsAndSubscriptions(
  tx: Tx,
  { timeline, events }: SeedStory,
  users: Users,
  formSha256: string,
  formSize: number,
) {
  const visibility = (caseKind: string, caseId: string, enterpriseId: string) => ({
    caseKind,
    caseId,
    enterpriseId,
    authorityCode: TIANHE,
    provinceCode: provinceCodeOf(TIANHE),
  });
  const dcus: Record<string, string> = {};
  const exitMoments = new Map<ExitApplicationStatus, Moment[]>();
  let serial = 1;
  for (const [status, path] of Object.entries(EXIT_PATHS) as [ExitApplicationStatus, string[]][]) {
    const dcu = await fillerDcu(tx, timeline, serial, `广州示例退出${serial}号数据有限公司`);
    serial += 1;
    dcus[status] = dcu.id;
    const moments = timeline.story(
      path.length,
      timeline.lastAge('EXIT_APPLICATION', status, EXIT_WHEN[status]),
      dcu.uscc,
    );
    exitMoments.set(status, moments);
    const [submitted, lastMoment] = [moments[0], moments.at(-1)] as [Moment, Moment];
    const last = path.at(-1) as string;
    const lastDecider = actor(users, (EXIT_STEPS[last] as [ExitApplicationStatus, Who])[1]);
    const exit = await tx.exitApplication.create({
      data: {
        enterpriseId: dcu.id,
        status,
        version: path.length - 1,
        competentAuthorityCode: TIANHE,
        provinceCode: provinceCodeOf(TIANHE),
        submittedAt: submitted.at,
        stepEnteredAt: lastMoment.at,
        decidedAt: isFinishedCase('EXIT_APPLICATION', status) ? lastMoment.at : null,
        lastDeciderId: lastDecider?.id ?? null,
        lastReason: REASONS[last] ?? null,
        createdById: 'seed',
        createdAt: submitted.at,
        updatedAt: lastMoment.at,
      },
    });
    const form = await tx.material.create({
      data: {
        sha256: formSha256,
        kind: 'EXIT_APPLICATION_FORM',
        fileName: '直连单位退出申请表.pdf',
        mimeType: 'application/pdf',
        size: formSize,
        enterpriseId: dcu.id,
        uploadedById: 'seed',
        createdAt: submitted.at,
      },
    });
    await tx.caseMaterial.create({
      data: {
        caseKind: 'EXIT_APPLICATION',
        caseId: exit.id,
        materialId: form.id,
        kind: form.kind,
        createdAt: submitted.at,
      },
    });
    let from: ExitApplicationStatus | null = null;
    for (const [index, event] of path.entries()) {
      const [to, who] = EXIT_STEPS[event] as [ExitApplicationStatus, Who];
      const user = actor(users, who);
      events.add((moments[index] as Moment).at, {
        ...visibility('EXIT_APPLICATION', exit.id, dcu.id),
        event,
        fromStatus: from,
        toStatus: to,
        actorUserId: user?.id ?? null,
        actorName: user?.displayName ?? `${dcu.name} · 法定代表人`,
        actorRole: who === 'enterprise' ? 'ENTERPRISE' : 'OFFICER',
        reason: REASONS[event] ?? null,
      });
      from = to;
    }
    const after = dcuStatusAfterExit(status);
    await tx.enterprise.update({
      where: { id: dcu.id },
      data: after === 'EXITED' ? { dcuStatus: after, leqiId: null, dcuExpiresAt: null } : { dcuStatus: after },
    });
  }

  // subscription applications: pending and rejected ones of DCUs that stayed ACTIVE, the cancelled one of an
  // exiting DCU, the revoked one of the DCU whose exit was confirmed (申联数据 holds the APPROVED one)
  const exitStory = (status: ExitApplicationStatus) => exitMoments.get(status) ?? [];
  const exitSubmitted = (status: ExitApplicationStatus) => exitStory(status)[0] as Moment;
  const exitDecided = (status: ExitApplicationStatus) => exitStory(status).at(-1) as Moment;
  // [status, DCU, path, when its events happened]: a pending one waiting due soon, applied for after the exit was
  // refused; a rejected one after its exit was rejected; a cancelled one at its exit's submission; a revoked one
  // approved before its exit was submitted and revoked at its confirmation
  const story = (status: CapabilitySubscriptionStatus, count: number, lastAge: number) =>
    timeline.story(count, lastAge, `subscription ${status}`);
  const subscriptions: [CapabilitySubscriptionStatus, string, string[], Moment[]][] = [
    [
      'PENDING_APPROVAL',
      dcus.NOT_ACCEPTED as string,
      ['apply'],
      story('PENDING_APPROVAL', 1, timeline.lastAge('CAPABILITY_SUBSCRIPTION', 'PENDING_APPROVAL', 'DUE_SOON')),
    ],
    ['REJECTED', dcus.REVIEW_REJECTED as string, ['apply', 'reject'], story('REJECTED', 2, 5)],
    [
      'CANCELLED',
      dcus.PENDING_ACCEPTANCE as string,
      ['apply', 'cancel'],
      [...story('CANCELLED', 1, exitSubmitted('PENDING_ACCEPTANCE').age + 3), exitSubmitted('PENDING_ACCEPTANCE')],
    ],
    [
      'REVOKED',
      dcus.CONFIRMED as string,
      ['apply', 'approve', 'revoke'],
      [...story('REVOKED', 2, exitSubmitted('CONFIRMED').age + 2), exitDecided('CONFIRMED')],
    ],
  ];
  const after: Record<string, CapabilitySubscriptionStatus> = {
    apply: 'PENDING_APPROVAL',
    approve: 'APPROVED',
    reject: 'REJECTED',
    cancel: 'CANCELLED',
    revoke: 'REVOKED',
  };
  for (const [status, dcuId, path, moments] of subscriptions) {
    const last = path.at(-1) as string;
    const [applied, lastMoment] = [moments[0], moments.at(-1)] as [Moment, Moment];
    const row = await tx.capabilitySubscription.create({
      data: {
        dcuEnterpriseId: dcuId,
        capabilityCodes: ['202007', '203059'],
        validUntil: new Date('2027-12-31T00:00:00Z'),
        businessSystemName: '财务共享中心',
        dailyVolumes: { '202007': 20000, '203059': 5000 },
        businessScope: '集团内销售开票与收票查验',
        status,
        version: path.length - 1,
        competentAuthorityCode: TIANHE,
        stepEnteredAt: lastMoment.at,
        decidedAt: isFinishedCase('CAPABILITY_SUBSCRIPTION', status) ? lastMoment.at : null,
        lastDeciderId: last === 'reject' ? (users.get('th.officer1')?.id ?? null) : null,
        lastReason: REASONS[last] ?? null,
        createdById: 'seed',
        createdAt: applied.at,
        updatedAt: lastMoment.at,
      },
    });
    let from: CapabilitySubscriptionStatus | null = null;
    for (const [index, event] of path.entries()) {
      const to = after[event] as CapabilitySubscriptionStatus;
      const officer = event === 'approve' || event === 'reject' ? users.get('th.officer1') : undefined;
      events.add((moments[index] as Moment).at, {
        ...visibility('CAPABILITY_SUBSCRIPTION', row.id, dcuId),
        event,
        fromStatus: from,
        toStatus: to,
        actorUserId: officer?.id ?? null,
        actorName: officer?.displayName ?? (event === 'apply' ? '直连单位经办人' : '系统'),
        actorRole: officer ? 'OFFICER' : event === 'apply' ? 'ENTERPRISE' : 'SYSTEM',
        reason: REASONS[event] ?? null,
      });
      from = to;
    }
  }
}
