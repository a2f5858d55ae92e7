import { type AccessApplicationStatus, makeUscc, provinceCodeOf, requiredAccessMaterials } from '@leqi/domain';
import { newLeqiId } from '../features/access-application/leqi-id.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import { appendCaseEvent } from '../platform/events/audit.ts';
import type { FileStore } from '../platform/files/store.ts';
import { AUTHORITIES, DEMO_PASSWORD, DEMO_USERNAMES, ENTERPRISES, OFFICERS, PROVINCE_RULES } from './demo-data.ts';
import { seedExitsAndSubscriptions } from './exits-and-subscriptions.ts';
import { seedShenlianInvitations } from './invitations.ts';
import { onePagePdf } from './sample-pdf.ts';

const SAMPLE_PDF = onePagePdf('Leqi self-use demo material (sample)');

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

/** Filler companies so every queue and list has a case in every status on first start. */
const FILLERS: {
  name: string;
  authority: string;
  status: AccessApplicationStatus;
  officers: [string, string, string];
}[] = [
  ...(Object.keys(PATHS) as AccessApplicationStatus[]).map((status, index) => ({
    name: `广州示例${'一二三四五六七八'[index]}号科技有限公司`,
    authority: '14401060000',
    status,
    officers: ['th.officer1', 'th.officer2', 'gd.confirmer'] as [string, string, string],
  })),
  ...(['PENDING_ACCEPTANCE', 'PENDING_REVIEW', 'PENDING_CONFIRMATION'] as const).map((status, index) => ({
    name: `上海示例${'甲乙丙'[index]}信息有限公司`,
    authority: '13101150000',
    status,
    officers: ['pd.officer1', 'pd.officer2', 'sh.confirmer'] as [string, string, string],
  })),
];

export async function isSeeded(db: Db): Promise<boolean> {
  return (await db.taxAuthority.count()) > 0;
}

/** Seeds the demo data of DESIGN §6 into an empty database, in one transaction. */
export async function seedDemoData(db: Db, files: FileStore): Promise<void> {
  const passwordHashes = await Promise.all(
    DEMO_USERNAMES.map(async (username) => [username, await hashPassword(DEMO_PASSWORD)] as const),
  );
  const hashOf = new Map(passwordHashes);
  const sha256 = files.put(SAMPLE_PDF);

  await db.$transaction(
    async (tx) => {
      for (const authority of AUTHORITIES) await tx.taxAuthority.create({ data: { ...authority } });
      await tx.provinceRule.createMany({ data: PROVINCE_RULES });
      const users = new Map<string, { id: string; displayName: string; role: string }>();
      const enterpriseIds = new Map<string, string>();
      for (const [key, facts] of Object.entries(ENTERPRISES)) {
        const enterprise = await tx.enterprise.create({
          data: {
            uscc: facts.uscc,
            name: facts.name,
            competentAuthorityCode: facts.authority,
            creditRating: facts.credit,
            inPilot: facts.inPilot ?? true,
            livelihoodIndustry: facts.livelihood ?? false,
            priorYearRevenue: facts.revenue,
            invoiceCount12m: facts.invoices,
            invoiceAmount12m: facts.amount,
          },
        });
        enterpriseIds.set(key, enterprise.id);
        for (const [username, identityType] of facts.users) {
          const user = await tx.user.create({
            data: {
              username,
              passwordHash: hashOf.get(username) as string,
              displayName: `${facts.name} · ${username}`,
              role: 'ENTERPRISE',
              identityType,
              enterpriseId: enterprise.id,
            },
          });
          users.set(username, user);
        }
      }
      for (const [username, displayName, authorityCode] of OFFICERS) {
        users.set(
          username,
          await tx.user.create({
            data: {
              username,
              passwordHash: hashOf.get(username) as string,
              displayName,
              role: 'OFFICER',
              authorityCode,
            },
          }),
        );
      }
      await tx.user.create({
        data: {
          username: 'platform.admin',
          passwordHash: hashOf.get('platform.admin') as string,
          displayName: '平台管理员',
          role: 'ADMIN',
        },
      });

      const materials = new Map<string, string>();
      for (const kind of requiredAccessMaterials({ builtByThirdParty: false })) {
        const material = await tx.material.create({
          data: {
            sha256,
            kind,
            fileName: `${kind.toLowerCase()}.pdf`,
            mimeType: 'application/pdf',
            size: SAMPLE_PDF.length,
            uploadedById: 'seed',
          },
        });
        materials.set(kind, material.id);
      }

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
        await seedApplication(tx, enterprise, filler.status, filler.officers, users, materials);
      }
      const shenlian = await tx.enterprise.findUniqueOrThrow({ where: { id: enterpriseIds.get('sl') as string } });
      await seedApplication(
        tx,
        shenlian,
        'CONFIRMED',
        ['pd.officer1', 'pd.officer2', 'sh.confirmer'],
        users,
        materials,
        'sl.legal',
      );
      await seedShenlianBindings(tx, enterpriseIds, users);
      await seedShenlianInvitations(tx, enterpriseIds, users, sha256, SAMPLE_PDF.length);
      await seedExitsAndSubscriptions(tx, users, sha256, SAMPLE_PDF.length);
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
}

async function seedApplication(
  tx: Tx,
  enterprise: { id: string; uscc: string; competentAuthorityCode: string },
  status: AccessApplicationStatus,
  [officer1, officer2, confirmer]: [string, string, string],
  users: Map<string, { id: string; displayName: string; role: string }>,
  materials: Map<string, string>,
  applicant?: string,
) {
  const path = PATHS[status];
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
      submittedAt: status === 'DRAFT' ? null : new Date(),
      lastDeciderId: lastDecider?.id ?? null,
      lastReason: last ? (REASONS[last[0]] ?? null) : null,
      createdById: applicant ? (users.get(applicant)?.id ?? 'seed') : 'seed',
    },
  });
  await tx.caseMaterial.createMany({
    data: [...materials].map(([kind, materialId]) => ({
      caseKind: 'ACCESS_APPLICATION',
      caseId: application.id,
      materialId,
      kind,
    })),
  });
  let from: AccessApplicationStatus | null = null;
  for (const [event, who] of path) {
    const user = who === 'enterprise' ? (applicant ? users.get(applicant) : undefined) : users.get(deciders[who]);
    const to = TO_STATUS[event] as AccessApplicationStatus;
    await appendCaseEvent(tx, {
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
    const confirmedAt = new Date();
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

/** 上海申联数据 is an ACTIVE DCU with two ACTIVE bindings (DESIGN §6). */
async function seedShenlianBindings(
  tx: Tx,
  ids: Map<string, string>,
  users: Map<string, { id: string; displayName: string; role: string }>,
) {
  const dcu = ids.get('sl') as string;
  for (const key of ['slwl', 'slgz'] as const) {
    const useUnit = await tx.enterprise.findUniqueOrThrow({ where: { id: ids.get(key) as string } });
    const invitation = await tx.invitation.create({
      data: {
        dcuEnterpriseId: dcu,
        useUnitEnterpriseId: useUnit.id,
        useUnitUscc: useUnit.uscc,
        useUnitName: useUnit.name,
        provinceAuthorityCode: provinceCodeOf(useUnit.competentAuthorityCode),
        relationship: 'PARENT_SUBSIDIARY',
        capabilityCodes: ['202007'],
        status: 'CONFIRMED',
        version: 3,
        liveKey: useUnit.uscc,
        useUnitAuthorityCode: useUnit.competentAuthorityCode,
        createdById: users.get('sl.clerk')?.id ?? null,
      },
    });
    await tx.binding.create({
      data: {
        invitationId: invitation.id,
        dcuEnterpriseId: dcu,
        useUnitEnterpriseId: useUnit.id,
        activeKey: useUnit.id,
      },
    });
    // the trail that led to the binding, so replaying the audit events rebuilds the stored status
    const [officer1, officer2] =
      useUnit.competentAuthorityCode === '14401060000'
        ? ['th.officer1', 'th.officer2']
        : ['pd.officer1', 'pd.officer2'];
    const steps = [
      ['invite', null, 'PENDING_RESPONSE', 'sl.clerk'],
      ['respond', 'PENDING_RESPONSE', 'PENDING_ACCEPTANCE', `${key}.clerk`],
      ['accept', 'PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION', officer1],
      ['confirm', 'PENDING_CONFIRMATION', 'CONFIRMED', officer2],
    ] as const;
    for (const [event, fromStatus, toStatus, username] of steps) {
      const user = users.get(username);
      await appendCaseEvent(tx, {
        caseKind: 'INVITATION',
        caseId: invitation.id,
        event,
        fromStatus,
        toStatus,
        actorUserId: user?.id ?? null,
        actorName: user?.displayName ?? null,
        actorRole: user?.role ?? null,
        enterpriseId: dcu,
        otherEnterpriseId: useUnit.id,
        authorityCode: useUnit.competentAuthorityCode,
        provinceCode: provinceCodeOf(useUnit.competentAuthorityCode),
      });
    }
  }
}
