// 企业登记信息 (platform admin): the registry of taxpayers the verification reads. Entries are keyed by USCC;
// the form edits one with its version; the Excel import (registry-import.ts) upserts many.
import { domainError, type RegistryDraft, type Result, validateRegistryEntry } from '@leqi/domain';
import type { Enterprise, Prisma } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { expectVersion } from '../../platform/db/versioned-write.ts';
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
  version: t.exposeInt('version', { description: 'optimistic concurrency of registry edits' }),
  competentAuthorityCode: t.exposeString('competentAuthorityCode'),
}));

const RegistryConnection = countedConnection(EnterpriseRef, 'RegistryEnterpriseConnection', 'RegistryEnterpriseEdge');

builder.queryField('registryEnterprises', (t) =>
  t.connection(
    {
      type: EnterpriseRef,
      description: '企业登记信息 (platform admin), by USCC, searched by USCC prefix or name',
      authScopes: { admin: true },
      args: { search: t.arg.string({ required: false }) },
      resolve: adminListResolver(listRegistry, (row) => row.uscc),
    },
    RegistryConnection,
  ),
);

const SaveRegistryEnterpriseInput = builder.inputType('SaveRegistryEnterpriseInput', {
  fields: (t) => ({
    uscc: t.string({ description: '统一社会信用代码' }),
    name: t.string(),
    competentAuthorityCode: t.string({ description: '主管税务机关代码 (11 位)' }),
    creditRating: t.string({ description: '纳税信用等级 A B C D M' }),
    inPilot: t.boolean({ description: '已纳入数电票试点' }),
    majorViolation: t.boolean({ description: '近三年内存在重大税收违法行为' }),
    livelihoodIndustry: t.boolean({ description: '民生保障类行业' }),
    priorYearRevenue: t.float({ description: '上一年度营业收入 (元)' }),
    invoiceCount12m: t.int({ description: '前 12 个月开受票量' }),
    invoiceAmount12m: t.float({ description: '前 12 个月开票金额 (元)' }),
    expectedVersion: t.int({ required: false, description: 'omit to add; the version read to edit' }),
  }),
});

adminMutation(
  'saveRegistryEnterprise',
  { name: 'SaveRegistryEnterprise', field: 'enterprise', type: EnterpriseRef },
  {
    description: '企业登记信息维护 (platform admin): add or edit one entry',
    input: SaveRegistryEnterpriseInput,
    run: saveRegistryEntry,
  },
);
