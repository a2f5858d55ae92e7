import { MATERIAL_KIND_LABELS, MATERIAL_KINDS } from '@leqi/domain';
import type { Material } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { ADMITS_API_TOKENS } from '../../platform/refusal-channels.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { uploadMaterial } from './service.ts';

export const MaterialKindEnum = describedEnum('MaterialKind', {
  description: {
    zh: '材料类别：接入材料（操作手册 2.2）、关系证明材料与直连单位退出申请表',
    en: 'Kind of a material: the access materials (manual 2.2), relationship proof and the exit application form',
  },
  values: MATERIAL_KINDS,
  label: (kind) => MATERIAL_KIND_LABELS[kind],
});

export const MaterialRef = builder.node(builder.objectRef<Material>('Material'), {
  description:
    '材料：企业上传的一个文件，可附到接入申请、退出申请或接入邀请；仅上传企业、所附案件的当事方及审核人员可以下载\n\n' +
    'Material: a file an enterprise uploaded, to attach to an access application, exit application or invitation; only the uploading enterprise, the parties of a case it is attached to and its reviewers may download it',
  id: { resolve: (material) => material.id },
  fields: (t) => ({
    kind: t.field({
      type: MaterialKindEnum,
      description: '材料类别（上传时选择）\n\nKind of the material (chosen on upload)',
      resolve: (material) => material.kind as (typeof MATERIAL_KINDS)[number],
    }),
    fileName: t.exposeString('fileName', {
      description:
        '文件名（上传时的文件名，去掉路径与不可见字符，最多 200 个字符）\n\nFile name as uploaded (path and hidden characters removed, at most 200 characters)',
    }),
    mimeType: t.exposeString('mimeType', {
      description:
        '按文件内容识别的 MIME 类型，如 application/pdf、image/png\n\nMIME type recognised from the content, e.g. application/pdf, image/png',
    }),
    size: t.exposeInt('size', { description: '文件大小（字节）\n\nSize in bytes' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '上传时间\n\nWhen it was uploaded' }),
    downloadUrl: t.string({
      description:
        '下载链接（本服务器上的路径），仅对当前用户有效，一小时后失效\n\nA download link (a path on this server) for the current viewer, valid for one hour',
      resolve: (material, _args, context) =>
        context.app.files.signedUrl(material.id, context.viewer?.userId ?? 'anonymous'),
    }),
  }),
});

const UploadMaterialInput = builder.inputType('UploadMaterialInput', {
  description: '要上传的文件及其材料类别\n\nThe file to upload and its material kind',
  fields: (t) => ({
    file: t.field({
      type: 'Upload',
      description:
        '文件（multipart 请求中的文件部分）：PDF、JPG/PNG、DOC/DOCX、XLS/XLSX，不得为空，大小上限由 MAX_UPLOAD_MB 配置（默认 20 MB）\n\n' +
        'The file (a part of the multipart request): PDF, JPG/PNG, DOC/DOCX or XLS/XLSX, not empty, at most MAX_UPLOAD_MB (20 MB by default)',
    }),
    kind: t.field({
      type: MaterialKindEnum,
      description:
        '材料类别；API 令牌只能上传关系证明材料\n\nKind of the material; API tokens may upload RELATIONSHIP_PROOF only',
    }),
  }),
});

const UploadMaterialSuccessRef = builder
  .objectRef<{ __typename: 'UploadMaterialSuccess'; material: Material }>('UploadMaterialSuccess')
  .implement({
    description: '材料已上传\n\nThe material was uploaded',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'UploadMaterialSuccess',
    fields: (t) => ({
      material: t.field({
        type: MaterialRef,
        description:
          '上传的材料；以其 ID 附到申请或邀请中\n\nThe uploaded material; attach it to an application or invitation by its ID',
        resolve: (success) => success.material,
      }),
    }),
  });

const UploadMaterialPayload = builder.unionType('UploadMaterialPayload', {
  description:
    '上传材料的结果：成功为 UploadMaterialSuccess，被拒绝时为 BaseError 或 ValidationError\n\n' +
    'Result of uploadMaterial: UploadMaterialSuccess, or BaseError or ValidationError when refused',
  types: [UploadMaterialSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('uploadMaterial', (t) =>
  t.field({
    type: UploadMaterialPayload,
    description:
      '上传材料：按文件内容识别 PDF、JPG/PNG、DOC/DOCX、XLS/XLSX，大小有上限；企业用户可用，API 令牌只能上传关系证明材料（RELATIONSHIP_PROOF）\n\n' +
      'Upload a material: PDF, JPG/PNG, DOC/DOCX, XLS/XLSX recognised by content; size-capped. For enterprises; API tokens may upload relationship proof (RELATIONSHIP_PROOF) only',
    extensions: { [ADMITS_API_TOKENS]: true },
    args: { input: t.arg({ type: UploadMaterialInput, description: '文件及材料类别\n\nThe file and its kind' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await uploadMaterial(context.app, context.viewer, input.file, input.kind);
      return result.ok
        ? { __typename: 'UploadMaterialSuccess' as const, material: result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);
