// 能力目录 for the platform admin: every capability, disabled ones included (the catalogue itself is edited by
// capability/catalogue-admin.ts `saveCapability`).
import { builder } from '../../platform/builder.ts';
import { CapabilityRef } from '../capability/schema.ts';

builder.queryField('capabilityCatalogue', (t) =>
  t.field({
    type: [CapabilityRef],
    description: '能力目录 with disabled capabilities (platform admin)',
    authScopes: { admin: true },
    resolve: (_root, _args, context) => context.app.db.capability.findMany({ orderBy: { code: 'asc' } }),
  }),
);
