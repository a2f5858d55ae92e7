// 能力目录 for the platform admin: every capability, disabled ones included (the catalogue itself is edited by
// capability/catalogue-admin.ts `saveCapability`).
import { builder } from '../../platform/builder.ts';
import { CapabilityRef } from '../capability/schema.ts';

builder.queryField('capabilityCatalogue', (t) =>
  t.field({
    type: [CapabilityRef],
    description:
      '乐企能力目录，含已停用的能力，按能力编码排序；仅平台管理员可查询\n\n' +
      'The catalogue of Leqi capabilities, disabled ones included, by capability code; platform admin only',
    authScopes: { admin: true },
    resolve: (_root, _args, context) => context.app.db.capability.findMany({ orderBy: { code: 'asc' } }),
  }),
);
