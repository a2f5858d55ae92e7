// 企业登记信息 (platform admin): the registry of taxpayers the verification reads. Entries are keyed by USCC;
// the form edits one with its version; the Excel import (registry-import.ts) upserts many.
import { CREDIT_RATINGS, domainError, type RegistryDraft, type Result, validateRegistryEntry } from '@leqi/domain';
import type { Enterprise, Prisma } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { expectVersion } from '../../platform/db/versioned-write.ts';
import { bilingual } from '../../platform/described-enum.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { EnterpriseRef } from '../enterprise/schema.ts';
import {
  adminChange,
  adminListResolver,
  adminPage,
  invalid,
  type KeysetRequest,
  requireAdmin,
  updateVersioned,
} from './common.ts';
import { adminMutation } from './payloads.ts';

export const REGISTRY_FIELDS = [
  'name',
  'competentAuthorityCode',
  'creditRating',
  'inPilot',
  'majorViolation',
  'livelihoodIndustry',
  'priorYearRevenue',
  'invoiceCount12m',
  'invoiceAmount12m',
] as const;

export type RegistryFacts = Pick<Enterprise, (typeof REGISTRY_FIELDS)[number]>;

export function factsOf(source: RegistryFacts): RegistryFacts {
  return Object.fromEntries(REGISTRY_FIELDS.map((field) => [field, source[field]])) as RegistryFacts;
}

export function cleanRegistryDraft(draft: RegistryDraft): RegistryDraft {
  return { ...draft, name: stripControlCharacters(draft.name).trim(), uscc: draft.uscc.trim() };
}

function listRegistry(app: AppServices, viewer: Viewer, request: KeysetRequest) {
  return adminPage(
    viewer,
    request,
    app.db.enterprise,
    'uscc',
    (term): Prisma.EnterpriseWhereInput =>
      term ? { OR: [{ uscc: { startsWith: term.toUpperCase() } }, { name: { contains: term } }] } : {},
  );
}

/**
 * Creates or updates one entry, audited when something changed. `expectedVersion`: omitted = must be new, a number =
 * must be that version. (The Excel import does the same per chunk in registry-import.ts, with batched statements.)
 */
async function saveRegistryEntry(
  app: AppServices,
  viewer: Viewer,
  input: RegistryDraft & { expectedVersion?: number | null },
): Promise<Result<Enterprise>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const valid = validateRegistryEntry(cleanRegistryDraft(input));
  if (!valid.ok) return invalid(valid.issues);
  const entry = valid.value;
  const expectedVersion = input.expectedVersion ?? null;
  return adminChange(app, viewer, async (tx, audit) => {
    if (!(await tx.taxAuthority.findUnique({ where: { code: entry.competentAuthorityCode } }))) {
      throw new Refusal(domainError('VALIDATION_FAILED', {}, [{ field: 'competentAuthorityCode', code: 'NOT_FOUND' }]));
    }
    const before = await tx.enterprise.findUnique({ where: { uscc: entry.uscc } });
    const after = factsOf(entry);
    if (before && expectedVersion === null) throw new Refusal(domainError('DUPLICATE', { entity: entry.uscc }));
    if (!before && expectedVersion !== null) throw new Refusal(domainError('NOT_FOUND'));
    let enterprise: Enterprise;
    if (!before) {
      enterprise = await tx.enterprise.create({ data: { uscc: entry.uscc, ...after } });
    } else {
      expectVersion(before, expectedVersion ?? before.version);
      if (!REGISTRY_FIELDS.some((field) => before[field] !== after[field])) return before;
      enterprise = await updateVersioned(tx.enterprise, { id: before.id }, before.version, after);
    }
    await audit({
      kind: 'ADMIN_ENTERPRISE',
      id: enterprise.id,
      event: before ? 'updateRegistryEntry' : 'createRegistryEntry',
      payload: { uscc: entry.uscc, source: 'FORM', before: before ? factsOf(before) : null, after },
    });
    return enterprise;
  });
}

// ---------------------------------------------------------------------------------------------------------
// GraphQL

builder.objectFields(EnterpriseRef, (t) => ({
  version: t.exposeInt('version', {
    description:
      '企业记录的版本号，每次修改加一；修改企业登记信息时作为 expectedVersion 传回（乐观并发）\n\n' +
      'Version of the enterprise record, raised by every change; pass it back as expectedVersion to edit the ' +
      'registry entry (optimistic concurrency)',
  }),
  competentAuthorityCode: t.exposeString('competentAuthorityCode', {
    description: '主管税务机关的 11 位代码\n\nThe 11-digit code of the competent tax authority',
  }),
}));

const RegistryConnection = countedConnection(EnterpriseRef, 'RegistryEnterpriseConnection', 'RegistryEnterpriseEdge', {
  zh: '登记企业',
  en: 'registry enterprises',
});

builder.queryField('registryEnterprises', (t) =>
  t.field({
    type: RegistryConnection,
    description:
      '企业登记信息（接入条件核验读取的纳税人信息），按统一社会信用代码排序，可按代码前缀或名称搜索；仅平台管理员可查询\n\n' +
      'The registry of taxpayers the eligibility verification reads, by USCC, searched by USCC prefix or name; ' +
      'platform admin only',
    authScopes: { admin: true },
    args: {
      ...forwardPageArgs(t.arg),
      search: t.arg.string({
        required: false,
        description:
          '按统一社会信用代码前缀（不区分大小写）或名称中的文字搜索，只取前 100 个字符；省略时列出全部\n\n' +
          'Matches a USCC prefix (any case) or part of the name; its first 100 characters count; omit for all',
      }),
    },
    resolve: adminListResolver(listRegistry, (row) => row.uscc),
  }),
);

const AMOUNT = { zh: '单位为元，0 至 10^15', en: 'in yuan, 0 to 10^15' };

const SaveRegistryEnterpriseInput = builder.inputType('SaveRegistryEnterpriseInput', {
  description: '一家企业的登记信息\n\nThe registry entry of one enterprise',
  fields: (t) => ({
    uscc: t.string({
      description:
        '统一社会信用代码（18 位），登记信息按此识别：新增时不得与已登记的重复，修改时须已登记\n\n' +
        'Unified social credit code (USCC, 18 characters), the key of the entry: new when adding, registered when editing',
    }),
    name: t.string({
      description: '纳税人名称，与税务登记一致，1–100 个字符\n\nThe taxpayer’s registered name, 1–100 characters',
    }),
    competentAuthorityCode: t.string({
      description:
        '主管税务机关的 11 位代码，须为已维护的税务机关\n\nThe 11-digit code of the competent tax authority, which must exist',
    }),
    creditRating: t.string({
      description: bilingual({
        zh: `纳税信用级别：${CREDIT_RATINGS.join('、')} 之一（不区分大小写）`,
        en: `Tax credit rating: one of ${CREDIT_RATINGS.join(', ')} (any case)`,
      }),
    }),
    inPilot: t.boolean({
      description: '是否已纳入数电票试点\n\nWhether the enterprise is in the digital e-invoice pilot',
    }),
    majorViolation: t.boolean({
      description:
        '近三年内是否存在重大税收违法行为\n\nWhether the enterprise committed a major tax violation in the last three years',
    }),
    livelihoodIndustry: t.boolean({
      description:
        '是否民生保障类行业（适用省级接入条件中较低的民生保障类标准）\n\n' +
        'Whether it is in a livelihood industry (judged by the lower livelihood thresholds of its province rule)',
    }),
    priorYearRevenue: t.float({
      description: bilingual({ zh: `上一年度营业收入，${AMOUNT.zh}`, en: `Prior-year revenue, ${AMOUNT.en}` }),
    }),
    invoiceCount12m: t.int({
      description:
        '前 12 个月开受票量（份，开票量与受票量之和），0 至 2,000,000,000 的整数\n\n' +
        'Invoices issued and received in the last 12 months, a whole number from 0 to 2,000,000,000',
    }),
    invoiceAmount12m: t.float({
      description: bilingual({
        zh: `前 12 个月开票金额，${AMOUNT.zh}`,
        en: `Amount invoiced in the last 12 months, ${AMOUNT.en}`,
      }),
    }),
    expectedVersion: t.int({
      required: false,
      description:
        '新增时省略；修改时填读取到的版本号（Enterprise.version），已被他人修改时得到 StaleVersionError\n\n' +
        'Omit to add; to edit, the version read (Enterprise.version), StaleVersionError when changed meanwhile',
    }),
  }),
});

adminMutation(
  'saveRegistryEnterprise',
  {
    name: 'SaveRegistryEnterprise',
    field: 'enterprise',
    type: EnterpriseRef,
    description: { zh: '保存后的企业', en: 'The enterprise as saved' },
  },
  {
    action: { zh: '维护企业登记信息', en: 'saving a registry entry' },
    description: {
      zh:
        '维护企业登记信息：新增或修改一家企业的登记信息。省略 expectedVersion 为新增（代码已登记时 DUPLICATE），' +
        '填写时为修改（未登记时 NOT_FOUND）；信息没有变化时原样返回。有变化时记入审计日志',
      en:
        'Adds or edits one registry entry. Without expectedVersion it adds one (DUPLICATE when the USCC is ' +
        'registered), with it it edits one (NOT_FOUND when it is not); an unchanged entry comes back as it was. ' +
        'Changes are audited',
    },
    input: SaveRegistryEnterpriseInput,
    run: saveRegistryEntry,
  },
);
