// 企业登记信息 (platform admin): the registry of taxpayers the verification reads. Entries are keyed by USCC;
// the form edits one with its version; the Excel import (registry-import.ts) upserts many.
import { domainError, type RegistryDraft, type RegistryEntry, type Result, validateRegistryEntry } from '@leqi/domain';
import type { Enterprise, Prisma } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { expectVersion, NEXT_VERSION, writeVersioned } from '../../platform/db/versioned-write.ts';
import type { StoredCaseEvent } from '../../platform/events/audit.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { EnterpriseRef } from '../enterprise/schema.ts';
import { adminListResolver, adminPage, auditAdminChange, invalid, type KeysetRequest, requireAdmin } from './common.ts';
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
  return adminPage(viewer, request, ({ size, afterKey, term }) => {
    const where: Prisma.EnterpriseWhereInput = term
      ? { OR: [{ uscc: { startsWith: term.toUpperCase() } }, { name: { contains: term } }] }
      : {};
    return Promise.all([
      app.db.enterprise.findMany({
        where: afterKey ? { AND: [where, { uscc: { gt: afterKey } }] } : where,
        orderBy: { uscc: 'asc' },
        take: size + 1,
      }),
      app.db.enterprise.count({ where }),
    ]);
  });
}

interface UpsertOutcome {
  enterprise: Enterprise;
  created: boolean;
  changed: boolean;
  event: StoredCaseEvent | null;
}

/**
 * Creates or updates the entry of `entry.uscc` inside `tx`, with an audit event when something changed; refuses
 * (throwing a Refusal) otherwise. `expectedVersion`: null = must be new, a number = must be that version. (The
 * Excel import does the same per chunk in registry-import.ts, with batched statements.)
 */
async function upsertRegistryEntry(
  tx: Tx,
  viewer: Viewer,
  entry: RegistryEntry,
  expectedVersion: number | null,
  source: 'FORM' | 'EXCEL',
): Promise<UpsertOutcome> {
  const authority = await tx.taxAuthority.findUnique({ where: { code: entry.competentAuthorityCode } });
  if (!authority) {
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
    const changed = REGISTRY_FIELDS.some((field) => before[field] !== after[field]);
    if (!changed) return { enterprise: before, created: false, changed: false, event: null };
    await writeVersioned({
      expectedVersion: before.version,
      write: ({ version }) =>
        tx.enterprise.updateMany({ where: { id: before.id, version }, data: { ...after, ...NEXT_VERSION } }),
      storedVersion: async () => (await tx.enterprise.findUniqueOrThrow({ where: { id: before.id } })).version,
    });
    enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: before.id } });
  }
  const event = await auditAdminChange(tx, viewer, {
    kind: 'ADMIN_ENTERPRISE',
    id: enterprise.id,
    event: before ? 'updateRegistryEntry' : 'createRegistryEntry',
    payload: { uscc: entry.uscc, source, before: before ? factsOf(before) : null, after },
  });
  return { enterprise, created: !before, changed: true, event };
}

async function saveRegistryEntry(
  app: AppServices,
  viewer: Viewer,
  input: RegistryDraft & { expectedVersion?: number | null },
): Promise<Result<Enterprise>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const valid = validateRegistryEntry(cleanRegistryDraft(input));
  if (!valid.ok) return invalid(valid.issues);
  return inTransaction(app, async (tx, emit) => {
    const outcome = await upsertRegistryEntry(tx, viewer, valid.value, input.expectedVersion ?? null, 'FORM');
    if (outcome.event) emit(outcome.event);
    return outcome.enterprise;
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
