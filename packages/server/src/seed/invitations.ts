// Demo invitations of 上海申联数据 (the seeded ACTIVE DCU): its two bound use units (上海申联物流, 广州申联) through
// CONFIRMED invitations, one case in every other invitation status, its capability subscription and the
// authorisations of its two bindings; every invitation with its relationship proof and its audit trail. Its affiliate 上海申联软件开发 has an invitation to respond
// to; every 云帆 company stays free, so 云帆科技 can invite its own subsidiaries once it is a DCU. All of it happened
// after 申联数据 became a DCU (SHENLIAN_CONFIRMED_AGE working days ago), each case over its own working days.
import {
  type InvitationStatus,
  isFinishedCase,
  LIVE_INVITATION_STATUSES,
  makeUscc,
  provinceCodeOf,
} from '@leqi/domain';
import { DEFAULT_AUTHORISATION_END } from '../features/capability/service.ts';
import type { Tx } from '../platform/db/database.ts';
import { SHENLIAN_CONFIRMED_AGE } from './access-applications.ts';
import type { Moment, SeedStory, SeedWhen } from './timeline.ts';

type Who = 'dcu' | 'useUnit' | 'officer1' | 'officer2' | 'system';
const STEP: Record<string, [InvitationStatus, Who]> = {
  invite: ['PENDING_RESPONSE', 'dcu'],
  respond: ['PENDING_ACCEPTANCE', 'useUnit'],
  decline: ['DECLINED', 'useUnit'],
  accept: ['PENDING_CONFIRMATION', 'officer1'],
  refuse: ['NOT_ACCEPTED', 'officer1'],
  confirm: ['CONFIRMED', 'officer2'],
  rejectConfirmation: ['CONFIRMATION_REJECTED', 'officer2'],
  cancel: ['CANCELLED', 'system'],
  unbindByDirectUnit: ['UNBOUND', 'dcu'],
};
const REASONS: Record<string, string> = {
  decline: '本单位暂不接入乐企。',
  refuse: '关系证明材料未加盖公章，请补正后重新邀请。',
  rejectConfirmation: '股权关系证明与工商登记信息不一致。',
  cancel: '邀请已失效：直连单位曾申请退出乐企，在途邀请自动置为不成功。',
};
const PATHS: Record<InvitationStatus, string[]> = {
  PENDING_RESPONSE: ['invite'],
  PENDING_ACCEPTANCE: ['invite', 'respond'],
  NOT_ACCEPTED: ['invite', 'respond', 'refuse'],
  PENDING_CONFIRMATION: ['invite', 'respond', 'accept'],
  CONFIRMED: ['invite', 'respond', 'accept', 'confirm'],
  CONFIRMATION_REJECTED: ['invite', 'respond', 'accept', 'rejectConfirmation'],
  DECLINED: ['invite', 'decline'],
  CANCELLED: ['invite', 'cancel'],
  UNBOUND: ['invite', 'respond', 'accept', 'confirm', 'unbindByDirectUnit'],
};

type Users = Map<string, { id: string; displayName: string; role: string }>;
interface UseUnitRow {
  id: string;
  uscc: string;
  name: string;
  competentAuthorityCode: string;
}

const OFFICERS: Record<string, [string, string]> = {
  '13101150000': ['pd.officer1', 'pd.officer2'],
  '14401060000': ['th.officer1', 'th.officer2'],
  '14401050000': ['hzq.officer1', 'hzq.officer2'],
};

async function seedInvitation(
  tx: Tx,
  { timeline, events }: SeedStory,
  dcuId: string,
  useUnit: UseUnitRow,
  [status, when]: [InvitationStatus, SeedWhen],
  users: Users,
  proofMaterialId: string,
  actors: { dcu: string; useUnit: string | null },
) {
  const path = PATHS[status];
  const moments = timeline.story(path.length, timeline.lastAge('INVITATION', status, when), useUnit.uscc);
  const momentOf = (event: string) => moments[path.indexOf(event)];
  const [invited, last] = [moments[0], moments.at(-1)] as [Moment, Moment];
  const [officer1, officer2] = OFFICERS[useUnit.competentAuthorityCode] ?? ['pd.officer1', 'pd.officer2'];
  const responded = path.includes('respond');
  const lastBureau = [...path]
    .reverse()
    .find((event) => ['accept', 'refuse', 'confirm', 'rejectConfirmation'].includes(event));
  const lastDecider = lastBureau ? users.get(STEP[lastBureau]?.[1] === 'officer1' ? officer1 : officer2) : undefined;
  const lastReasonEvent = [...path].reverse().find((event) => REASONS[event]);
  const invitation = await tx.invitation.create({
    data: {
      dcuEnterpriseId: dcuId,
      useUnitEnterpriseId: useUnit.id,
      useUnitUscc: useUnit.uscc,
      useUnitName: useUnit.name,
      provinceAuthorityCode: provinceCodeOf(useUnit.competentAuthorityCode),
      relationship: 'PARENT_SUBSIDIARY',
      capabilityCodes: ['202007'],
      channel: 'WEB',
      status,
      version: path.length - 1,
      liveKey: LIVE_INVITATION_STATUSES.includes(status) ? useUnit.uscc : null,
      useUnitAuthorityCode: responded ? useUnit.competentAuthorityCode : null,
      stepEnteredAt: last.at,
      // 响应时间: answered (or declined); 办结时间: finished (an unbound invitation when it was unbound)
      respondedAt: (momentOf('respond') ?? momentOf('decline'))?.at ?? null,
      decidedAt: isFinishedCase('INVITATION', status) ? last.at : null,
      lastDeciderId: lastDecider?.id ?? null,
      lastReason: lastReasonEvent ? (REASONS[lastReasonEvent] ?? null) : null,
      createdById: users.get(actors.dcu)?.id ?? null,
      createdAt: invited.at,
      updatedAt: last.at,
    },
  });
  await tx.caseMaterial.create({
    data: {
      caseKind: 'INVITATION',
      caseId: invitation.id,
      materialId: proofMaterialId,
      kind: 'RELATIONSHIP_PROOF',
      createdAt: invited.at,
    },
  });
  let from: InvitationStatus | null = null;
  for (const [index, event] of path.entries()) {
    const [to, who] = STEP[event] as [InvitationStatus, Who];
    const username =
      who === 'dcu'
        ? actors.dcu
        : who === 'useUnit'
          ? actors.useUnit
          : who === 'officer1'
            ? officer1
            : who === 'officer2'
              ? officer2
              : null;
    const user = username ? users.get(username) : undefined;
    const authorityCode =
      responded || event === 'invite' || event === 'decline' ? useUnit.competentAuthorityCode : null;
    events.add((moments[index] as Moment).at, {
      caseKind: 'INVITATION',
      caseId: invitation.id,
      event,
      fromStatus: from,
      toStatus: to,
      actorUserId: user?.id ?? null,
      actorName: user?.displayName ?? (who === 'system' ? '系统' : '使用单位经办人'),
      actorRole: who === 'system' ? 'SYSTEM' : who.startsWith('officer') ? 'OFFICER' : 'ENTERPRISE',
      reason: REASONS[event] ?? null,
      enterpriseId: dcuId,
      otherEnterpriseId: useUnit.id,
      authorityCode: authorityCode ?? useUnit.competentAuthorityCode,
      provinceCode: provinceCodeOf(useUnit.competentAuthorityCode),
    });
    from = to;
  }
  // bound when the invitation was confirmed
  const boundAt = momentOf('confirm')?.at;
  if (status === 'CONFIRMED') {
    await tx.binding.create({
      data: {
        invitationId: invitation.id,
        dcuEnterpriseId: dcuId,
        useUnitEnterpriseId: useUnit.id,
        activeKey: useUnit.id,
        boundAt,
      },
    });
  }
  if (status === 'UNBOUND') {
    const binding = await tx.binding.create({
      data: {
        invitationId: invitation.id,
        dcuEnterpriseId: dcuId,
        useUnitEnterpriseId: useUnit.id,
        status: 'UNBOUND',
        activeKey: null,
        boundAt,
        unboundAt: last.at,
        unboundById: users.get(actors.dcu)?.id ?? null,
        version: 1,
      },
    });
    await tx.capabilityAuthorisation.create({
      data: {
        dcuEnterpriseId: dcuId,
        holderEnterpriseId: useUnit.id,
        capabilityCode: '202007',
        bindingId: binding.id,
        validFrom: boundAt,
        validTo: DEFAULT_AUTHORISATION_END,
        status: 'REVOKED',
        createdAt: boundAt,
        revokedAt: last.at,
      },
    });
  }
}

/** Use units, the status of their invitation and when its last step happened (due state, or working days ago). */
const FILLER_USE_UNITS: [string, InvitationStatus, SeedWhen, string][] = [
  ['上海申联示例一号分公司', 'PENDING_ACCEPTANCE', 'DUE_SOON', '13101150000'],
  ['上海申联示例二号分公司', 'NOT_ACCEPTED', 8, '13101150000'],
  ['上海申联示例三号分公司', 'PENDING_CONFIRMATION', 'ON_TIME', '13101150000'],
  ['上海申联示例四号分公司', 'CONFIRMATION_REJECTED', 12, '13101150000'],
  ['上海申联示例五号分公司', 'DECLINED', 16, '13101150000'],
  ['上海申联示例六号分公司', 'CANCELLED', 20, '13101150000'],
  ['上海申联示例七号分公司', 'UNBOUND', 5, '13101150000'],
  ['广州申联示例八号分公司', 'PENDING_ACCEPTANCE', 'FRESH', '14401060000'],
];
/** the bound use units, confirmed these many working days ago */
const BOUND: [key: 'slwl' | 'slgz', confirmedAge: number][] = [
  ['slwl', 30],
  ['slgz', 27],
];

/** 上海申联数据: an approved subscription, authorised bindings, and an invitation in every status. */
export async function seedShenlianInvitations(
  tx: Tx,
  story: SeedStory,
  ids: Map<string, string>,
  users: Users,
  proofSha256: string,
  proofSize: number,
) {
  const { timeline, events } = story;
  const dcu = ids.get('sl') as string;
  // applied for and approved soon after it became a DCU
  const [applied, approved] = timeline.story(2, SHENLIAN_CONFIRMED_AGE - 4, '申联数据能力订阅') as [Moment, Moment];
  const subscription = await tx.capabilitySubscription.create({
    data: {
      dcuEnterpriseId: dcu,
      capabilityCodes: ['202007', '203059'],
      validUntil: new Date('2027-12-31T00:00:00Z'),
      businessSystemName: '申联财务共享平台',
      dailyVolumes: { '202007': 5000, '203059': 20000 },
      businessScope: '集团内开票与发票查验',
      status: 'APPROVED',
      version: 1,
      competentAuthorityCode: '13101150000',
      stepEnteredAt: approved.at,
      decidedAt: approved.at,
      lastDeciderId: users.get('pd.officer1')?.id ?? null,
      createdById: users.get('sl.clerk')?.id ?? null,
      createdAt: applied.at,
      updatedAt: approved.at,
    },
  });
  const slAuthority = '13101150000';
  for (const [event, fromStatus, toStatus, username, at] of [
    ['apply', null, 'PENDING_APPROVAL', 'sl.clerk', applied.at],
    ['approve', 'PENDING_APPROVAL', 'APPROVED', 'pd.officer1', approved.at],
  ] as const) {
    const user = users.get(username);
    events.add(at, {
      caseKind: 'CAPABILITY_SUBSCRIPTION',
      caseId: subscription.id,
      event,
      fromStatus,
      toStatus,
      actorUserId: user?.id ?? null,
      actorName: user?.displayName ?? null,
      actorRole: user?.role ?? null,
      enterpriseId: dcu,
      authorityCode: slAuthority,
      provinceCode: provinceCodeOf(slAuthority),
    });
  }
  const proof = await tx.material.create({
    data: {
      sha256: proofSha256,
      kind: 'RELATIONSHIP_PROOF',
      fileName: '单位关系证明.pdf',
      mimeType: 'application/pdf',
      size: proofSize,
      enterpriseId: dcu,
      uploadedById: users.get('sl.clerk')?.id ?? 'seed',
      // before its first invitation
      createdAt: timeline.at(SHENLIAN_CONFIRMED_AGE - 1, 0),
    },
  });
  for (const [key, confirmedAge] of BOUND) {
    const useUnit = await tx.enterprise.findUniqueOrThrow({ where: { id: ids.get(key) as string } });
    await seedInvitation(tx, story, dcu, useUnit, ['CONFIRMED', confirmedAge], users, proof.id, {
      dcu: 'sl.clerk',
      useUnit: `${key}.clerk`,
    });
  }
  for (const binding of await tx.binding.findMany({ where: { dcuEnterpriseId: dcu, status: 'ACTIVE' } })) {
    await tx.capabilityAuthorisation.create({
      data: {
        dcuEnterpriseId: dcu,
        holderEnterpriseId: binding.useUnitEnterpriseId,
        capabilityCode: '202007',
        bindingId: binding.id,
        validFrom: binding.boundAt,
        validTo: DEFAULT_AUTHORISATION_END,
        createdAt: binding.boundAt,
      },
    });
  }
  const slrj = await tx.enterprise.findUniqueOrThrow({ where: { id: ids.get('slrj') as string } });
  await seedInvitation(tx, story, dcu, slrj, ['PENDING_RESPONSE', 2], users, proof.id, {
    dcu: 'sl.clerk',
    useUnit: 'slrj.clerk',
  });
  let serial = 1;
  for (const [name, status, when, authority] of FILLER_USE_UNITS) {
    const prefix = authority.startsWith('144') ? '91440100' : '91310000';
    const useUnit = await tx.enterprise.create({
      data: {
        uscc: makeUscc(`${prefix}MA6${String(serial++).padStart(6, '0')}`),
        name,
        competentAuthorityCode: authority,
        creditRating: 'A',
        inPilot: true,
        priorYearRevenue: 30_000_000,
        invoiceCount12m: 6_000,
        invoiceAmount12m: 40_000_000,
      },
    });
    await seedInvitation(tx, story, dcu, useUnit, [status, when], users, proof.id, { dcu: 'sl.clerk', useUnit: null });
  }
}
