// 税务机关维护 (platform admin): list with search, add and edit (11-digit code, level, parent), audited.
import { type AuthorityDraft, authorityIssues, domainError, type Result } from '@leqi/domain';
import type { Prisma, TaxAuthority } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
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
  parentCode: t.exposeString('parentCode', {
    nullable: true,
    description:
      '上级税务机关代码：主管税务机关所属省级税务机关的 11 位代码；省级税务机关为 null\n\n' +
      'Code of the parent authority: the provincial bureau of a local authority; null for a provincial one',
  }),
  version: t.exposeInt('version', {
    description:
      '版本号，每次修改加一；修改时作为 expectedVersion 传回\n\nVersion, raised by every edit; pass it back as expectedVersion to edit',
  }),
}));

const AdminTaxAuthorityConnection = countedConnection(
  TaxAuthorityRef,
  'AdminTaxAuthorityConnection',
  'AdminTaxAuthorityEdge',
  { zh: '税务机关', en: 'tax authorities' },
);

builder.queryField('adminTaxAuthorities', (t) =>
  t.field({
    type: AdminTaxAuthorityConnection,
    description:
      '税务机关列表（供平台管理员维护），按代码排序，可按代码前缀或名称搜索；仅平台管理员可查询\n\n' +
      'Tax authorities for the platform admin to maintain, by code, searched by code prefix or name; platform admin only',
    authScopes: { admin: true },
    args: {
      ...forwardPageArgs(t.arg),
      search: t.arg.string({
        required: false,
        description:
          '按代码前缀或名称中的文字搜索，只取前 100 个字符；省略时列出全部\n\n' +
          'Matches a code prefix or part of the name; its first 100 characters count; omit for all',
      }),
    },
    resolve: adminListResolver(listAuthorities, (row) => row.code),
  }),
);

const SaveTaxAuthorityInput = builder.inputType('SaveTaxAuthorityInput', {
  description: '新增或修改的税务机关\n\nA tax authority to add or edit',
  fields: (t) => ({
    code: t.string({
      description:
        '11 位税务机关代码，以 1 开头；省级税务机关为前三位加八个 0（如 14400000000）。新增时不得与已有代码重复，' +
        '修改时用于找到该机关（代码本身不能修改）\n\n' +
        'The 11-digit authority code, starting with 1; a provincial bureau’s is its first three digits and eight ' +
        'zeros (e.g. 14400000000). Unique when adding; names the authority to edit (the code itself cannot change)',
    }),
    name: t.string({ description: '税务机关名称，1–100 个字符\n\nThe authority’s name, 1–100 characters' }),
    level: t.field({
      type: AuthorityLevelEnum,
      description:
        '层级：代码为省级格式时须为 PROVINCIAL，否则须为 LOCAL\n\n' +
        'Level: PROVINCIAL for a code of the provincial form, LOCAL otherwise',
    }),
    parentCode: t.string({
      required: false,
      description:
        '上级税务机关代码：LOCAL 必填，须为其所在省（代码前三位相同）已维护的省级税务机关；PROVINCIAL 不填\n\n' +
        'Code of the parent authority: required for LOCAL, the existing provincial bureau of its own province ' +
        '(same first three digits); empty for PROVINCIAL',
    }),
    expectedVersion: t.int({
      required: false,
      description:
        '新增时省略；修改时填读取到的版本号（TaxAuthority.version），已被他人修改时得到 StaleVersionError\n\n' +
        'Omit to add; to edit, the version read (TaxAuthority.version), StaleVersionError when changed meanwhile',
    }),
  }),
});

adminMutation(
  'saveTaxAuthority',
  {
    name: 'SaveTaxAuthority',
    field: 'taxAuthority',
    type: TaxAuthorityRef,
    description: { zh: '保存后的税务机关', en: 'The tax authority as saved' },
  },
  {
    action: { zh: '维护税务机关', en: 'saving a tax authority' },
    description: {
      zh:
        '维护税务机关：新增或修改一个省级税务机关或主管税务机关。省略 expectedVersion 为新增（代码已存在时 ' +
        'DUPLICATE），填写时为修改（不存在时 NOT_FOUND）。操作记入审计日志',
      en:
        'Adds or edits a provincial or local tax authority. Without expectedVersion it adds one (DUPLICATE when the ' +
        'code exists), with it it edits one (NOT_FOUND when there is none). The change is audited',
    },
    input: SaveTaxAuthorityInput,
    run: saveAuthority,
  },
);
