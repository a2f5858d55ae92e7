import {
  canExit,
  type DomainError,
  type ErrorCode,
  IDENTITY_TYPE_LABELS,
  IDENTITY_TYPES,
  type Locale,
  ROLE_LABELS,
  ROLES,
} from '@leqi/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../platform/builder.ts';
import type { Viewer } from '../../platform/context.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import {
  BaseErrorRef,
  ErrorInterface,
  toSimplePayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { ADMITS_API_TOKENS } from '../../platform/refusal-channels.ts';
import { EnterpriseRef, TaxAuthorityRef } from '../enterprise/schema.ts';
import { bearerToken, demoUsers, signIn, signOut } from './service.ts';

const UserRoleEnum = describedEnum('UserRole', {
  description: { zh: '登录者的角色', en: 'Role of the signed-in caller' },
  values: ROLES,
  label: (role) => ROLE_LABELS[role],
});
export const IdentityTypeEnum = describedEnum('IdentityType', {
  description: {
    zh: '身份类型：企业经办人以何种身份办理业务，决定其可以办理的事项（如只有法定代表人、财务负责人可申请退出乐企）',
    en:
      'Identity type: in which capacity an enterprise operator acts, which decides what they may do (e.g. only ' +
      'the legal representative and the finance manager may apply to exit Leqi)',
  },
  values: IDENTITY_TYPES,
  label: (type) => IDENTITY_TYPE_LABELS[type],
});

export const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description:
    '当前调用者：会话所属的登录用户，或调用所用的 API 令牌（role 为 API_CLIENT）\n\n' +
    'The caller: the signed-in user of the session, or the API token of the request (role API_CLIENT)',
  fields: (t) => ({
    accountId: t.id({
      nullable: true,
      description:
        '登录用户的账号全局 ID（即 UserAccount.id）；API 令牌为 null\n\n' +
        'The signed-in user’s account global ID (as UserAccount.id); null for an API token',
      resolve: (viewer) => (viewer.actor.role === 'API_CLIENT' ? null : encodeGlobalID('UserAccount', viewer.userId)),
    }),
    apiTokenId: t.id({
      nullable: true,
      description:
        '调用所用 API 令牌的全局 ID（即 ApiToken.id）；登录用户为 null\n\n' +
        'The global ID of the API token making the call (as ApiToken.id); null for a signed-in user',
      resolve: (viewer) =>
        viewer.actor.role === 'API_CLIENT' ? encodeGlobalID('ApiToken', viewer.actor.tokenId) : null,
    }),
    username: t.exposeString('username', {
      description:
        '用户名；API 令牌为令牌前缀（ApiToken.prefix）\n\nThe user name; for an API token, its prefix (ApiToken.prefix)',
    }),
    displayName: t.exposeString('displayName', {
      description: '姓名；API 令牌为令牌名称\n\nThe user’s name; for an API token, the token’s name',
    }),
    role: t.field({
      type: UserRoleEnum,
      description: '调用者的角色\n\nThe caller’s role',
      resolve: (viewer) => viewer.actor.role as 'ENTERPRISE',
    }),
    identityType: t.field({
      type: IdentityTypeEnum,
      nullable: true,
      description:
        '企业经办人的身份类型；其他角色（含 API 令牌）为 null\n\nAn enterprise operator’s identity type; null for other roles, API tokens included',
      resolve: (viewer) => (viewer.actor.role === 'ENTERPRISE' ? viewer.actor.identityType : null),
    }),
    enterprise: t.field({
      type: EnterpriseRef,
      nullable: true,
      description:
        '企业经办人或 API 令牌所属的企业；税务人员与平台管理员为 null\n\n' +
        'The enterprise of an enterprise operator or API token; null for officers and admins',
      resolve: (viewer, _args, context) => {
        const actor = viewer.actor;
        if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return null;
        return context.app.db.enterprise.findUnique({ where: { id: actor.enterpriseId } });
      },
    }),
    authority: t.field({
      type: TaxAuthorityRef,
      nullable: true,
      description: '税务人员所属的税务机关；其他角色为 null\n\nAn officer’s tax authority; null for other roles',
      resolve: (viewer, _args, context) =>
        viewer.actor.role === 'OFFICER'
          ? context.app.db.taxAuthority.findUnique({ where: { code: viewer.actor.authorityCode } })
          : null,
    }),
    canExit: t.boolean({
      description:
        '能否申请退出乐企：只有身份类型为法定代表人或财务负责人的企业经办人可以\n\n' +
        'Whether the caller may apply to exit Leqi: only an enterprise operator acting as legal representative or ' +
        'finance manager may',
      resolve: (viewer) => viewer.actor.role === 'ENTERPRISE' && canExit(viewer.actor.identityType),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description:
      '当前调用者：带会话令牌时为登录用户，带 API 令牌时为该令牌（API 令牌也可查询）；未登录、会话已过期或结束、' +
      '令牌已过期或吊销时为 null\n\n' +
      'The caller: the signed-in user with a session token, the token itself with an API token (which may query ' +
      'this too); null when signed out, when the session expired or ended, or the token expired or was revoked',
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
  description: '演示部署登录页上提供的演示账号\n\nA demo account offered on the sign-in page of a demo deployment',
  fields: (t) => ({
    username: t.exposeString('username', { description: '用户名\n\nThe user name to sign in with' }),
    displayName: t.exposeString('displayName', { description: '姓名\n\nThe user’s name' }),
    role: t.field({ type: UserRoleEnum, description: '角色\n\nThe user’s role', resolve: (user) => user.role }),
    hint: t.exposeString('hint', {
      description:
        '提示：企业用户为所属企业名称，税务人员为税务机关代码，平台管理员为空字符串\n\n' +
        'A hint: the enterprise’s name for an enterprise user, the authority code for an officer, empty for an admin',
    }),
  }),
});

builder.queryField('demoUsers', (t) =>
  t.field({
    type: [DemoUserRef],
    description:
      '登录页上提供的演示账号（只含预置的演示账号）；未启用演示数据（SEED_DEMO_DATA）的部署为空列表\n\n' +
      'Demo accounts offered on the sign-in page (only the seeded ones); empty unless the deployment runs with demo ' +
      'data (SEED_DEMO_DATA)',
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
    description: '登录成功\n\nSigning in succeeded',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'SignInSuccess',
    fields: (t) => ({
      token: t.exposeString('token', {
        description:
          '会话令牌（以 lq_ 开头），在之后的请求头 Authorization: Bearer <token> 中发送；服务器只保存其哈希。' +
          '会话在 SESSION_TTL_HOURS（默认 12）小时后失效，退出登录、重置密码或停用账号时立即结束\n\n' +
          'The session token (starting lq_), sent as Authorization: Bearer <token> on later requests; the server ' +
          'keeps only its hash. The session ends after SESSION_TTL_HOURS (12 by default) hours, or at once on ' +
          'sign-out, password reset or when the account is disabled',
      }),
      viewer: t.field({
        type: ViewerRef,
        description: '登录的用户\n\nThe signed-in user',
        resolve: (success) => success.viewer,
      }),
    }),
  });

type RetryLaterShape = { __typename: 'RetryLaterError'; code: ErrorCode; message: string; retryAfterSeconds: number };

export const RetryLaterErrorRef = builder.objectRef<RetryLaterShape>('RetryLaterError').implement({
  description:
    '登录被限流（代码 LIMIT_EXCEEDED）：该用户名或该客户端地址的失败次数过多\n\n' +
    'LIMIT_EXCEEDED of a throttled sign-in: too many failed attempts for this account or from this address',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'RetryLaterError',
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', {
      description:
        '距可以再次尝试的秒数；在此之前即使密码正确也会被拒绝\n\n' +
        'Seconds until an attempt may succeed; until then even the right password is refused',
    }),
  }),
});

const SignInPayload = builder.unionType('SignInPayload', {
  description:
    '登录的结果：成功时为 SignInSuccess；被拒时为 BaseError（UNAUTHENTICATED：用户名或密码错误，或账号已停用；' +
    'TWO_FACTOR_REQUIRED：密码正确，还需动态验证码）、ValidationError（未填用户名或密码；INCORRECT_ONE_TIME_CODE：' +
    '验证码不正确）或 RetryLaterError（失败次数过多，被限流）\n\n' +
    'Result of signing in: SignInSuccess, or when refused a BaseError (UNAUTHENTICATED: wrong user name or ' +
    'password, or a disabled account; TWO_FACTOR_REQUIRED: the password is right and a one-time code is needed ' +
    'too), a ValidationError (user name or password missing; INCORRECT_ONE_TIME_CODE: a wrong code) or a ' +
    'RetryLaterError (throttled after too many failures)',
  types: [SignInSuccessRef, BaseErrorRef, ValidationErrorRef, RetryLaterErrorRef],
});

/** A refusal in a payload: a throttled attempt as a RetryLaterError (with its wait), any other as it is. */
export function retryLaterOr(error: DomainError, locale: Locale) {
  const payload = toSimplePayloadError(error, locale);
  const retryAfterSeconds = error.params?.retryAfterSeconds;
  return error.code === 'LIMIT_EXCEEDED' && typeof retryAfterSeconds === 'number'
    ? { __typename: 'RetryLaterError' as const, code: payload.code, message: payload.message, retryAfterSeconds }
    : payload;
}

const SignInInput = builder.inputType('SignInInput', {
  description: '登录用的用户名与密码\n\nThe user name and password to sign in with',
  fields: (t) => ({
    username: t.string({ description: '用户名\n\nThe user name' }),
    password: t.string({ description: '密码\n\nThe password' }),
    oneTimeCode: t.string({
      required: false,
      description:
        '已设置双因素认证的账号：身份验证器中的 6 位动态验证码，或一个恢复码（每个只能使用一次）。未提供而账号需要时，' +
        '返回 TWO_FACTOR_REQUIRED，带上验证码再次登录即可\n\n' +
        'For an account with two factors: the 6-digit code of the authenticator app, or a recovery code (each works ' +
        'once). Without it where the account needs one the answer is TWO_FACTOR_REQUIRED: sign in again with the code',
    }),
  }),
});

builder.mutationField('signIn', (t) =>
  t.field({
    type: SignInPayload,
    description:
      '用用户名和密码登录，返回会话令牌。用户名不存在、密码错误或账号已停用时一律返回 UNAUTHENTICATED，' +
      '不透露是哪一种。按用户名和客户端地址限流：失败过多时，锁定期内任何尝试（包括正确密码）都返回 RetryLaterError。' +
      'API 令牌无需登录\n\n' +
      'Signs in with a user name and password and returns a session token. An unknown user, a wrong password and ' +
      'a disabled account are all UNAUTHENTICATED, without saying which. Throttled per user name and per client ' +
      'address: after too many failures every attempt, even with the right password, is a RetryLaterError until ' +
      'the lock ends. API tokens need no sign-in',
    args: { input: t.arg({ type: SignInInput, description: '用户名与密码\n\nThe user name and password' }) },
    resolve: async (_root, { input }, context) => {
      const result = await signIn(context.app, input, context.clientAddress);
      return result.ok
        ? { __typename: 'SignInSuccess' as const, ...result.value }
        : retryLaterOr(result.error, context.locale);
    },
  }),
);

builder.mutationField('signOut', (t) =>
  t.boolean({
    description:
      '退出登录：结束本请求所带的会话令牌（各服务实例同时生效）。结束了一个会话时返回 true，未带令牌、会话已不存在或' +
      '所带的是 API 令牌（它没有会话，请用 revokeApiToken）时返回 false\n\n' +
      'Signs out: ends the session of the request’s token (on every instance at once). true when a session ended, ' +
      'false without a token, when the session no longer exists or for an API token (it has no session: use ' +
      'revokeApiToken)',
    // it never refuses, so an API token may call it too: there is nothing for it to end
    extensions: { [ADMITS_API_TOKENS]: true },
    resolve: (_root, _args, context) =>
      context.viewer?.actor.role === 'API_CLIENT'
        ? false
        : signOut(context.app, bearerToken(context.authorization), context),
  }),
);
