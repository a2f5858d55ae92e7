// 税务机关维护 (platform admin): list with search, add and edit (11-digit code, level, parent), audited.
import { type AuthorityDraft, authorityIssues, domainError, type Result } from '@leqi/domain';
import type { Prisma, TaxAuthority } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { AuthorityLevelEnum, TaxAuthorityRef } from '../enterprise/schema.ts';
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

interface AuthorityInput extends Omit<AuthorityDraft, 'parentCode'> {
  parentCode?: string | null;
  /** null to add a new authority; the version read to edit one */
  expectedVersion?: number | null;
}

function listAuthorities(app: AppServices, viewer: Viewer, request: KeysetRequest) {
  return adminPage(
    viewer,
    request,
    app.db.taxAuthority,
    'code',
    (term): Prisma.TaxAuthorityWhereInput =>
      term ? { OR: [{ code: { startsWith: term } }, { name: { contains: term } }] } : {},
  );
}

async function saveAuthority(app: AppServices, viewer: Viewer, input: AuthorityInput): Promise<Result<TaxAuthority>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const draft: AuthorityDraft = {
    code: input.code.trim(),
    name: stripControlCharacters(input.name).trim(),
    level: input.level,
    parentCode: input.parentCode?.trim() || null,
  };
  const issues = authorityIssues(draft);
  if (issues.length > 0) return invalid(issues);
  return adminChange(app, viewer, async (tx, audit) => {
    const before = await tx.taxAuthority.findUnique({ where: { code: draft.code } });
    if (draft.parentCode && !(await tx.taxAuthority.findUnique({ where: { code: draft.parentCode } }))) {
      throw new Refusal(domainError('VALIDATION_FAILED', {}, [{ field: 'parentCode', code: 'NOT_FOUND' }]));
    }
    let saved: TaxAuthority;
    if (input.expectedVersion === null || input.expectedVersion === undefined) {
      if (before) throw new Refusal(domainError('DUPLICATE', { entity: draft.code }));
      saved = await tx.taxAuthority.create({ data: draft });
    } else {
      if (!before) throw new Refusal(domainError('NOT_FOUND'));
      const { code, ...fields } = draft;
      saved = await updateVersioned(tx.taxAuthority, { code }, input.expectedVersion, fields);
    }
    await audit({
      kind: 'ADMIN_AUTHORITY',
      id: draft.code,
      event: before ? 'updateTaxAuthority' : 'createTaxAuthority',
      payload: {
        before: before ? { name: before.name, level: before.level, parentCode: before.parentCode } : null,
        after: { name: draft.name, level: draft.level, parentCode: draft.parentCode },
      },
    });
    return saved;
  });
}

// ---------------------------------------------------------------------------------------------------------
// GraphQL

builder.objectFields(TaxAuthorityRef, (t) => ({
  parentCode: t.exposeString('parentCode', { nullable: true, description: '上级税务机关代码' }),
  version: t.exposeInt('version'),
}));

const AdminTaxAuthorityConnection = countedConnection(
  TaxAuthorityRef,
  'AdminTaxAuthorityConnection',
  'AdminTaxAuthorityEdge',
);

builder.queryField('adminTaxAuthorities', (t) =>
  t.connection(
    {
      type: TaxAuthorityRef,
      description: '税务机关 (platform admin), by code, searched by code prefix or name',
      authScopes: { admin: true },
      args: { search: t.arg.string({ required: false }) },
      resolve: adminListResolver(listAuthorities, (row) => row.code),
    },
    AdminTaxAuthorityConnection,
  ),
);

const SaveTaxAuthorityInput = builder.inputType('SaveTaxAuthorityInput', {
  fields: (t) => ({
    code: t.string({ description: '11 位税务机关代码' }),
    name: t.string(),
    level: t.field({ type: AuthorityLevelEnum }),
    parentCode: t.string({ required: false, description: 'the provincial bureau of a LOCAL authority' }),
    expectedVersion: t.int({ required: false, description: 'omit to add; the version read to edit' }),
  }),
});

adminMutation(
  'saveTaxAuthority',
  { name: 'SaveTaxAuthority', field: 'taxAuthority', type: TaxAuthorityRef },
  {
    description: '税务机关维护 (platform admin): add or edit a tax authority',
    input: SaveTaxAuthorityInput,
    run: saveAuthority,
  },
);
