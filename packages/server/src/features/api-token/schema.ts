// GraphQL of API tokens: created and revoked by the DCU's operators; the secret is returned once.
import { type ErrorCode, messageFor } from '@leqi/domain';
import type { ApiToken } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { BaseErrorRef, refusalError, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { connectionOf, encodeCursor } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './service.ts';

const ApiTokenRef = builder.node(builder.objectRef<ApiToken>('ApiToken'), {
  description:
    '直连单位自有系统调用本平台所用的 API 令牌：只能办理本企业的使用单位管理业务（邀请使用单位、解除绑定、查询状态）；' +
    '令牌本身只在创建时显示一次\n\n' +
    'An API token for the direct-connect unit’s (DCU’s) own system: it may only manage the enterprise’s use units ' +
    '(invite, unbind, query their status); the secret itself is shown once, when created',
  id: { resolve: (row) => row.id },
  fields: (t) => ({
    name: t.exposeString('name', {
      description: '令牌名称，便于区分用途，如“ERP 对接”\n\nThe token’s name, to tell what it is for, e.g. “ERP link”',
    }),
    prefix: t.exposeString('prefix', {
      description:
        '令牌的前 12 个字符（以 lqk_ 开头），用于在列表中区分令牌；完整令牌不再显示\n\n' +
        'The first 12 characters of the token (starting lqk_), to tell tokens apart; the whole token is never shown again',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间\n\nWhen the token was created' }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description:
        '失效时间，此后令牌的请求按未登录处理；永不过期的令牌为 null\n\n' +
        'When the token expires, after which its requests count as signed out; null for a token without expiry',
    }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description:
        '最近一次使用的时间（约一分钟精度），便于发现闲置或泄露的令牌；从未使用时为 null\n\n' +
        'When the token was last used (to about a minute), to spot idle or leaked tokens; null when never used',
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description:
        '吊销时间，此后令牌的请求按未登录处理；未吊销时为 null\n\n' +
        'When the token was revoked, after which its requests count as signed out; null while it is not',
    }),
  }),
});

const ApiTokenConnection = countedConnection(ApiTokenRef, 'ApiTokenConnection', 'ApiTokenEdge', {
  zh: 'API 令牌',
  en: 'API tokens',
});

builder.queryField('apiTokens', (t) =>
  t.field({
    type: ApiTokenConnection,
    description:
      '本企业的 API 令牌（含已吊销、已过期的），按创建时间从新到旧，分页；仅企业用户可查询（API 令牌不能查询）\n\n' +
      'The API tokens of the viewer’s enterprise, revoked and expired ones included, newest first, in pages; ' +
      'enterprise users only (not API tokens)',
    authScopes: { enterprise: true },
    args: forwardPageArgs(t.arg),
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const page = await listApiTokens(context.app, context.viewer, args);
      if (!page.ok) throw refusalError(page.error, context.locale);
      return connectionOf(page.value, args.after, encodeCursor);
    }),
  }),
);

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  description: '新 API 令牌的名称与有效期\n\nName and lifetime of a new API token',
  fields: (t) => ({
    name: t.string({
      description:
        '令牌名称，便于区分用途，如“ERP 对接”；1–100 个字符\n\nThe token’s name, to tell what it is for, e.g. “ERP link”; 1–100 characters',
    }),
    expiresInDays: t.int({
      required: false,
      description:
        '有效天数，1–3650；省略则永不过期\n\nDays until the token expires, 1–3650; omit for a token without expiry',
    }),
  }),
});

const CreateApiTokenSuccessRef = builder
  .objectRef<{ __typename: 'CreateApiTokenSuccess'; token: string; apiToken: ApiToken }>('CreateApiTokenSuccess')
  .implement({
    description: '创建 API 令牌成功\n\nCreating an API token succeeded',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'CreateApiTokenSuccess',
    fields: (t) => ({
      token: t.exposeString('token', {
        description:
          '完整令牌（以 lqk_ 开头），只在此返回一次，服务器只保存其哈希：请立即妥善保存，丢失后只能吊销并新建。' +
          '调用时放在请求头 Authorization: Bearer <token> 中\n\n' +
          'The whole token (starting lqk_), returned only here; the server keeps only its hash, so store it now ' +
          '(if lost, revoke it and create another). Send it as Authorization: Bearer <token>',
      }),
      apiToken: t.field({
        type: ApiTokenRef,
        description: '新令牌的信息\n\nThe new token’s record',
        resolve: (success) => success.apiToken,
      }),
    }),
  });

const CreateApiTokenPayload = builder.unionType('CreateApiTokenPayload', {
  description:
    '创建 API 令牌的结果：成功时为 CreateApiTokenSuccess；被拒时为 BaseError（UNAUTHENTICATED；FORBIDDEN：' +
    '不是已接入直连单位的企业用户）或 ValidationError（名称或有效天数不符合要求）\n\n' +
    'Result of creating an API token: CreateApiTokenSuccess, or when refused a BaseError (UNAUTHENTICATED; ' +
    'FORBIDDEN: not an enterprise user of an active direct-connect unit) or a ValidationError (name or days ' +
    'out of bounds)',
  types: [CreateApiTokenSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreateApiTokenPayload,
    description:
      '为本企业创建 API 令牌，供直连单位自有系统调用本平台的使用单位管理业务（邀请使用单位、解除绑定、查询邀请与绑定、' +
      '订阅状态变化），不能调用其他操作。仅已接入（dcuStatus 为 ACTIVE）直连单位的企业用户可创建，API 令牌不能创建令牌。' +
      '完整令牌只在结果中显示一次\n\n' +
      'Creates an API token of the viewer’s enterprise, for the direct-connect unit’s (DCU’s) own system to manage ' +
      'its use units (invite, unbind, query invitations and bindings, follow their changes) and nothing else. Only ' +
      'enterprise users of an ACTIVE direct-connect unit may create one, never an API token. The whole token is ' +
      'shown once, in the result',
    args: {
      input: t.arg({
        type: CreateApiTokenInput,
        description: '新令牌的名称与有效期\n\nName and lifetime of the new token',
      }),
    },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await createApiToken(context.app, context.viewer, input, context);
      return result.ok
        ? { __typename: 'CreateApiTokenSuccess' as const, ...result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);

const RevokeApiTokenInput = builder.inputType('RevokeApiTokenInput', {
  description: '要吊销的 API 令牌\n\nThe API token to revoke',
  fields: (t) => ({
    id: t.globalID({ description: '令牌的全局 ID（ApiToken.id）\n\nThe token’s global ID (ApiToken.id)' }),
  }),
});

const ApiTokenSuccessRef = builder
  .objectRef<{ __typename: 'ApiTokenSuccess'; apiToken: ApiToken }>('ApiTokenSuccess')
  .implement({
    description: '吊销 API 令牌成功\n\nRevoking an API token succeeded',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ApiTokenSuccess',
    fields: (t) => ({
      apiToken: t.field({
        type: ApiTokenRef,
        description: '已吊销的令牌（revokedAt 已填）\n\nThe revoked token (revokedAt set)',
        resolve: (success) => success.apiToken,
      }),
    }),
  });

const ApiTokenPayload = builder.unionType('ApiTokenPayload', {
  description:
    '吊销 API 令牌的结果：成功时为 ApiTokenSuccess；被拒时为 BaseError（UNAUTHENTICATED；FORBIDDEN：不是企业用户；' +
    'NOT_FOUND：令牌不存在或不属于本企业）或 ValidationError（id 不是有效的全局 ID）\n\n' +
    'Result of revoking an API token: ApiTokenSuccess, or when refused a BaseError (UNAUTHENTICATED; FORBIDDEN: ' +
    'not an enterprise user; NOT_FOUND: no such token of the viewer’s enterprise) or a ValidationError (the id is ' +
    'not a valid global ID)',
  types: [ApiTokenSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('revokeApiToken', (t) =>
  t.field({
    type: ApiTokenPayload,
    description:
      '吊销本企业的一个 API 令牌：此后使用该令牌的请求立即按未登录处理（各服务实例同时生效），已建立的订阅在约一分钟内' +
      '结束。已吊销的令牌再次吊销时原样返回。仅本企业的企业用户可调用\n\n' +
      'Revokes one API token of the viewer’s enterprise: its requests count as signed out at once (on every ' +
      'instance), and its open subscriptions end within about a minute. Revoking a revoked token returns it ' +
      'unchanged. Enterprise users of the token’s enterprise only',
    args: {
      input: t.arg({ type: RevokeApiTokenInput, description: '要吊销的令牌\n\nThe token to revoke' }),
    },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const refuse = (code: ErrorCode) =>
        ({ __typename: 'BaseError', code, message: messageFor({ code }, context.locale) }) as const;
      if (input.id.typename !== 'ApiToken') return refuse('NOT_FOUND');
      const result = await revokeApiToken(context.app, context.viewer, input.id.id, context);
      return result.ok ? { __typename: 'ApiTokenSuccess' as const, apiToken: result.value } : refuse(result.error.code);
    }),
  }),
);
