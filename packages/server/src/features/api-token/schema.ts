// GraphQL of API tokens: created and revoked by the DCU's operators; the secret is returned once.
import { type ErrorCode, messageFor } from '@leqi/domain';
import type { ApiToken } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './service.ts';

const ApiTokenRef = builder.node(builder.objectRef<ApiToken>('ApiToken'), {
  description: "API token of the enterprise's own system (使用单位管理 only)",
  id: { resolve: (row) => row.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'the first characters of the token, to tell tokens apart' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryField('apiTokens', (t) =>
  t.field({
    type: [ApiTokenRef],
    authScopes: { enterprise: true },
    resolve: signedIn(
      () => [],
      (_root, _args, context) => listApiTokens(context.app, context.viewer),
    ),
  }),
);

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string(),
    expiresInDays: t.int({ required: false, description: 'omit for a token without expiry' }),
  }),
});

const CreateApiTokenSuccessRef = builder
  .objectRef<{ __typename: 'CreateApiTokenSuccess'; token: string; apiToken: ApiToken }>('CreateApiTokenSuccess')
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'CreateApiTokenSuccess',
    fields: (t) => ({
      token: t.exposeString('token', { description: 'shown once; only its hash is stored' }),
      apiToken: t.field({ type: ApiTokenRef, resolve: (success) => success.apiToken }),
    }),
  });

const CreateApiTokenPayload = builder.unionType('CreateApiTokenPayload', {
  types: [CreateApiTokenSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreateApiTokenPayload,
    args: { input: t.arg({ type: CreateApiTokenInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await createApiToken(context.app, context.viewer, input);
      return result.ok
        ? { __typename: 'CreateApiTokenSuccess' as const, ...result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);

const RevokeApiTokenInput = builder.inputType('RevokeApiTokenInput', { fields: (t) => ({ id: t.globalID() }) });

const ApiTokenSuccessRef = builder
  .objectRef<{ __typename: 'ApiTokenSuccess'; apiToken: ApiToken }>('ApiTokenSuccess')
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ApiTokenSuccess',
    fields: (t) => ({ apiToken: t.field({ type: ApiTokenRef, resolve: (success) => success.apiToken }) }),
  });

const ApiTokenPayload = builder.unionType('ApiTokenPayload', { types: [ApiTokenSuccessRef, BaseErrorRef] });

builder.mutationField('revokeApiToken', (t) =>
  t.field({
    type: ApiTokenPayload,
    args: { input: t.arg({ type: RevokeApiTokenInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const refuse = (code: ErrorCode) =>
        ({ __typename: 'BaseError', code, message: messageFor({ code }, context.locale) }) as const;
      if (input.id.typename !== 'ApiToken') return refuse('NOT_FOUND');
      const result = await revokeApiToken(context.app, context.viewer, input.id.id);
      return result.ok ? { __typename: 'ApiTokenSuccess' as const, apiToken: result.value } : refuse(result.error.code);
    }),
  }),
);
