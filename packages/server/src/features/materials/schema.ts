import { MATERIAL_KINDS } from '@leqi/domain';
import type { Material } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { uploadMaterial } from './service.ts';

export const MaterialKindEnum = builder.enumType('MaterialKind', { values: MATERIAL_KINDS });

export const MaterialRef = builder.node(builder.objectRef<Material>('Material'), {
  description: '材料: an uploaded file',
  id: { resolve: (material) => material.id },
  fields: (t) => ({
    kind: t.field({ type: MaterialKindEnum, resolve: (material) => material.kind as (typeof MATERIAL_KINDS)[number] }),
    fileName: t.exposeString('fileName'),
    mimeType: t.exposeString('mimeType'),
    size: t.exposeInt('size'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    downloadUrl: t.string({
      description: 'a link valid for one hour for the current viewer',
      resolve: (material, _args, context) =>
        context.app.files.signedUrl(material.id, context.viewer?.userId ?? 'anonymous'),
    }),
  }),
});

const UploadMaterialInput = builder.inputType('UploadMaterialInput', {
  fields: (t) => ({ file: t.field({ type: 'Upload' }), kind: t.field({ type: MaterialKindEnum }) }),
});

const UploadMaterialSuccessRef = builder
  .objectRef<{ __typename: 'UploadMaterialSuccess'; material: Material }>('UploadMaterialSuccess')
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'UploadMaterialSuccess',
    fields: (t) => ({ material: t.field({ type: MaterialRef, resolve: (success) => success.material }) }),
  });

const UploadMaterialPayload = builder.unionType('UploadMaterialPayload', {
  types: [UploadMaterialSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('uploadMaterial', (t) =>
  t.field({
    type: UploadMaterialPayload,
    description:
      '上传材料: PDF, JPG/PNG, DOC/DOCX, XLS/XLSX recognised by content; size-capped. API tokens may upload relationship proof (RELATIONSHIP_PROOF) only',
    skipTypeScopes: true,
    args: { input: t.arg({ type: UploadMaterialInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await uploadMaterial(context.app, context.viewer, input.file, input.kind);
      return result.ok
        ? { __typename: 'UploadMaterialSuccess' as const, material: result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);
