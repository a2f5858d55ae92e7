import {
  canExit,
  type DomainError,
  type ErrorCode,
  IDENTITY_TYPES,
  type Locale,
  ROLE_LABELS,
  ROLES,
} from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import type { Viewer } from '../../platform/context.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import {
  BaseErrorRef,
  ErrorInterface,
  toSimplePayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { EnterpriseRef, TaxAuthorityRef } from '../enterprise/schema.ts';
import { bearerToken, demoUsers, signIn, signOut } from './service.ts';

const UserRoleEnum = describedEnum('UserRole', {
  description: { zh: '登录者的角色', en: 'Role of the signed-in caller' },
  values: ROLES,
  label: (role) => ROLE_LABELS[role],
});
export const IdentityTypeEnum = builder.enumType('IdentityType', {
  description: '身份类型: 法定代表人, 财务负责人, 办税员, 开票员',
  values: IDENTITY_TYPES,
});

export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  fields: (t) => ({
    id: t.id({ resolve: (viewer) => viewer.userId }),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    role: t.field({ type: UserRoleEnum, resolve: (viewer) => viewer.actor.role as 'ENTERPRISE' }),
    identityType: t.field({
      type: IdentityTypeEnum,
      nullable: true,
      resolve: (viewer) => (viewer.actor.role === 'ENTERPRISE' ? viewer.actor.identityType : null),
    }),
    enterprise: t.field({
      type: EnterpriseRef,
      nullable: true,
      resolve: (viewer, _args, context) => {
        const actor = viewer.actor;
        if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return null;
        return context.app.db.enterprise.findUnique({ where: { id: actor.enterpriseId } });
      },
    }),
    authority: t.field({
      type: TaxAuthorityRef,
      nullable: true,
      resolve: (viewer, _args, context) =>
        viewer.actor.role === 'OFFICER'
          ? context.app.db.taxAuthority.findUnique({ where: { code: viewer.actor.authorityCode } })
          : null,
    }),
    canExit: t.boolean({
      description: '只有法定代表人、财务负责人可以申请退出乐企',
      resolve: (viewer) => viewer.actor.role === 'ENTERPRISE' && canExit(viewer.actor.identityType),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    skipTypeScopes: true,
    resolve: (_root, _args, context) => context.viewer,
  }),
);

interface DemoUserShape {
  username: string;
  displayName: string;
  role: 'ENTERPRISE' | 'OFFICER' | 'ADMIN';
  hint: string;
}
const DemoUserRef = builder.objectRef<DemoUserShape>('DemoUser').implement({
  fields: (t) => ({
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    role: t.field({ type: UserRoleEnum, resolve: (user) => user.role }),
    hint: t.exposeString('hint'),
  }),
});

builder.queryField('demoUsers', (t) =>
  t.field({
    type: [DemoUserRef],
    description: 'Demo accounts offered on the sign-in page (empty unless the deployment runs with demo data)',
    resolve: async (_root, _args, context) =>
      (await demoUsers(context.app)).map((user) => ({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        hint: user.enterprise?.name ?? user.authorityCode ?? '',
      })),
  }),
);

const SignInSuccessRef = builder
  .objectRef<{ __typename: 'SignInSuccess'; token: string; viewer: Viewer }>('SignInSuccess')
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'SignInSuccess',
    fields: (t) => ({
      token: t.exposeString('token'),
      viewer: t.field({ type: ViewerRef, resolve: (success) => success.viewer }),
    }),
  });

type RetryLaterShape = { __typename: 'RetryLaterError'; code: ErrorCode; message: string; retryAfterSeconds: number };

const RetryLaterErrorRef = builder.objectRef<RetryLaterShape>('RetryLaterError').implement({
  description: 'LIMIT_EXCEEDED of a throttled sign-in: too many failed attempts for this account or from this address',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'RetryLaterError',
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', {
      description: 'seconds until an attempt may succeed; until then even the right password is refused',
    }),
  }),
});

const SignInPayload = builder.unionType('SignInPayload', {
  types: [SignInSuccessRef, BaseErrorRef, ValidationErrorRef, RetryLaterErrorRef],
});

function signInError(error: DomainError, locale: Locale) {
  const payload = toSimplePayloadError(error, locale);
  const retryAfterSeconds = error.params?.retryAfterSeconds;
  return error.code === 'LIMIT_EXCEEDED' && typeof retryAfterSeconds === 'number'
    ? { __typename: 'RetryLaterError' as const, code: payload.code, message: payload.message, retryAfterSeconds }
    : payload;
}

const SignInInput = builder.inputType('SignInInput', {
  fields: (t) => ({ username: t.string(), password: t.string() }),
});

builder.mutationField('signIn', (t) =>
  t.field({
    type: SignInPayload,
    args: { input: t.arg({ type: SignInInput }) },
    resolve: async (_root, { input }, context) => {
      const result = await signIn(context.app, input.username, input.password, context.clientAddress);
      return result.ok
        ? { __typename: 'SignInSuccess' as const, ...result.value }
        : signInError(result.error, context.locale);
    },
  }),
);

builder.mutationField('signOut', (t) =>
  t.boolean({
    resolve: (_root, _args, context) => signOut(context.app, bearerToken(context.authorization)),
  }),
);
