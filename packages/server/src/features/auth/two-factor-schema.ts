// 双因素认证 in the API: the Viewer's state, enrolment in two steps, turning it off, new recovery codes.
import { builder } from '../../platform/builder.ts';
import type { Context, Viewer } from '../../platform/context.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { RetryLaterErrorRef, retryLaterOr, ViewerRef } from './schema.ts';
import {
  beginTwoFactorEnrolment,
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  type EnrolmentOffer,
  regenerateRecoveryCodes,
} from './two-factor.ts';

builder.objectFields(ViewerRef, (t) => ({
  twoFactorEnabled: t.boolean({
    description:
      '登录用户是否已设置双因素认证；API 令牌为 false\n\nWhether the signed-in user set up two factors; false for an API token',
    resolve: (viewer) => viewer.twoFactor?.enabled ?? false,
  }),
  twoFactorRequired: t.boolean({
    description:
      '登录用户的角色是否必须使用双因素认证（TWO_FACTOR_ROLES）；尚未设置时，除设置双因素认证、修改密码、退出登录外的' +
      '操作均返回 TWO_FACTOR_ENROLMENT_REQUIRED\n\n' +
      'Whether the signed-in user’s role must use two factors (TWO_FACTOR_ROLES); until they are set up, every ' +
      'operation but enrolment, changing the password and signing out is refused with TWO_FACTOR_ENROLMENT_REQUIRED',
    resolve: (viewer) => viewer.twoFactor?.required ?? false,
  }),
}));

const OfferRef = builder.objectRef<EnrolmentOffer & { __typename: 'TwoFactorEnrolmentOffer' }>(
  'TwoFactorEnrolmentOffer',
);
OfferRef.implement({
  description:
    '为身份验证器生成的密钥：以二维码（otpauthUri）或手工输入（secret）添加到应用后，用 confirmTwoFactorEnrolment ' +
    '提交应用显示的验证码即完成设置\n\n' +
    'A secret for the authenticator app: add it by QR code (otpauthUri) or by hand (secret), then send the code the ' +
    'app shows to confirmTwoFactorEnrolment',
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'TwoFactorEnrolmentOffer',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'Base32 密钥（手工输入用）\n\nThe base32 secret, to type in' }),
    otpauthUri: t.exposeString('otpauthUri', {
      description: 'otpauth:// 地址，生成二维码供应用扫描\n\nThe otpauth:// address for a QR code the app scans',
    }),
  }),
});

const EnrolledRef = builder
  .objectRef<{ __typename: 'TwoFactorEnrolled'; viewer: Viewer; recoveryCodes: string[] }>('TwoFactorEnrolled')
  .implement({
    description: '双因素认证已设置\n\nTwo-factor authentication is on',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'TwoFactorEnrolled',
    fields: (t) => ({
      viewer: t.field({
        type: ViewerRef,
        description: '登录用户\n\nThe signed-in user',
        resolve: (done) => done.viewer,
      }),
      recoveryCodes: t.exposeStringList('recoveryCodes', { description: RECOVERY_CODES_DESCRIPTION() }),
    }),
  });

function RECOVERY_CODES_DESCRIPTION() {
  return (
    '恢复码：丢失身份验证器时代替验证码登录，每个只能使用一次；只在本次结果中显示（服务器只保存其哈希），请妥善保存\n\n' +
    'Recovery codes: each signs in once in place of a code when the authenticator is lost; shown only in this ' +
    'result (the server keeps only their hashes), so keep them safe'
  );
}

const TwoFactorOffRef = builder
  .objectRef<{ __typename: 'TwoFactorDisabled'; viewer: Viewer }>('TwoFactorDisabled')
  .implement({
    description: '双因素认证已关闭\n\nTwo-factor authentication is off',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'TwoFactorDisabled',
    fields: (t) => ({
      viewer: t.field({
        type: ViewerRef,
        description: '登录用户\n\nThe signed-in user',
        resolve: (done) => done.viewer,
      }),
    }),
  });

const RecoveryCodesRef = builder
  .objectRef<{ __typename: 'RecoveryCodes'; recoveryCodes: string[] }>('RecoveryCodes')
  .implement({
    description: '新的恢复码（原有的全部作废）\n\nNew recovery codes (the old ones no longer work)',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'RecoveryCodes',
    fields: (t) => ({
      recoveryCodes: t.exposeStringList('recoveryCodes', { description: RECOVERY_CODES_DESCRIPTION() }),
    }),
  });

const OneTimeCodeInput = builder.inputType('OneTimeCodeInput', {
  description: '身份验证器中的验证码\n\nA code from the authenticator app',
  fields: (t) => ({
    oneTimeCode: t.string({
      description:
        '身份验证器中的 6 位动态验证码（关闭双因素认证、重新生成恢复码时也可用恢复码）\n\n' +
        'The 6-digit code of the authenticator app (a recovery code too, to turn two factors off or for new codes)',
    }),
  }),
});

const REFUSALS = {
  zh:
    'BaseError（UNAUTHENTICATED；FORBIDDEN：API 令牌，或角色必须使用双因素认证时不能关闭；INVALID_TRANSITION：' +
    '当前状态下不能这样做）、ValidationError（INCORRECT_ONE_TIME_CODE：验证码不正确）或 RetryLaterError（验证码错误次数过多，' +
    '与登录共用限流）',
  en:
    'a BaseError (UNAUTHENTICATED; FORBIDDEN: an API token, or turning off what the role requires; ' +
    'INVALID_TRANSITION: not possible in the current state), a ValidationError (INCORRECT_ONE_TIME_CODE) or a ' +
    'RetryLaterError (too many wrong codes; the sign-in throttle)',
};

function payload(
  name: string,
  success: typeof OfferRef | typeof EnrolledRef | typeof TwoFactorOffRef | typeof RecoveryCodesRef,
  what: string,
) {
  return builder.unionType(name, {
    description: `${what}；被拒时为 ${REFUSALS.zh}\n\n${what} when it succeeds; when refused ${REFUSALS.en}`,
    types: [success, BaseErrorRef, ValidationErrorRef, RetryLaterErrorRef],
  });
}

/** The signed-in caller, or the UNAUTHENTICATED payload. */
function caller(context: Context) {
  return context.viewer ? { viewer: context.viewer, clientAddress: context.clientAddress } : null;
}

builder.mutationField('beginTwoFactorEnrolment', (t) =>
  t.field({
    type: payload('BeginTwoFactorEnrolmentPayload', OfferRef, 'TwoFactorEnrolmentOffer'),
    description:
      '开始设置双因素认证：生成新的密钥（再次调用会替换尚未确认的密钥）\n\n' +
      'Starts setting up two factors: a new secret (calling again replaces one not yet confirmed)',
    resolve: async (_root, _args, context) => {
      const who = caller(context);
      if (!who) return toSimplePayloadError({ code: 'UNAUTHENTICATED' }, context.locale);
      const result = await beginTwoFactorEnrolment(context.app, who.viewer);
      return result.ok
        ? { __typename: 'TwoFactorEnrolmentOffer' as const, ...result.value }
        : retryLaterOr(result.error, context.locale);
    },
  }),
);

builder.mutationField('confirmTwoFactorEnrolment', (t) =>
  t.field({
    type: payload('ConfirmTwoFactorEnrolmentPayload', EnrolledRef, 'TwoFactorEnrolled'),
    description:
      '确认设置双因素认证：提交身份验证器显示的验证码；成功后此后登录须提供验证码，并返回只显示一次的恢复码\n\n' +
      'Confirms two factors with the code the app shows; from now on signing in needs a code. Returns recovery codes, ' +
      'shown this once',
    args: { input: t.arg({ type: OneTimeCodeInput, description: '验证码\n\nThe code' }) },
    resolve: async (_root, { input }, context) => {
      const who = caller(context);
      if (!who) return toSimplePayloadError({ code: 'UNAUTHENTICATED' }, context.locale);
      const result = await confirmTwoFactorEnrolment(context.app, who.viewer, input.oneTimeCode);
      return result.ok
        ? { __typename: 'TwoFactorEnrolled' as const, ...result.value }
        : retryLaterOr(result.error, context.locale);
    },
  }),
);

builder.mutationField('disableTwoFactor', (t) =>
  t.field({
    type: payload('DisableTwoFactorPayload', TwoFactorOffRef, 'TwoFactorDisabled'),
    description:
      '关闭双因素认证（角色必须使用时不能关闭），须提供验证码或恢复码\n\n' +
      'Turns two factors off (not where the role requires them), with a code or a recovery code',
    args: { input: t.arg({ type: OneTimeCodeInput, description: '验证码\n\nThe code' }) },
    resolve: async (_root, { input }, context) => {
      const who = caller(context);
      if (!who) return toSimplePayloadError({ code: 'UNAUTHENTICATED' }, context.locale);
      const result = await disableTwoFactor(context.app, who, input.oneTimeCode);
      return result.ok
        ? { __typename: 'TwoFactorDisabled' as const, viewer: result.value }
        : retryLaterOr(result.error, context.locale);
    },
  }),
);

builder.mutationField('regenerateRecoveryCodes', (t) =>
  t.field({
    type: payload('RegenerateRecoveryCodesPayload', RecoveryCodesRef, 'RecoveryCodes'),
    description:
      '重新生成恢复码，原有的恢复码全部作废；须提供验证码或恢复码\n\n' +
      'New recovery codes; the old ones stop working. With a code or a recovery code',
    args: { input: t.arg({ type: OneTimeCodeInput, description: '验证码\n\nThe code' }) },
    resolve: async (_root, { input }, context) => {
      const who = caller(context);
      if (!who) return toSimplePayloadError({ code: 'UNAUTHENTICATED' }, context.locale);
      const result = await regenerateRecoveryCodes(context.app, who, input.oneTimeCode);
      return result.ok
        ? { __typename: 'RecoveryCodes' as const, recoveryCodes: result.value }
        : retryLaterOr(result.error, context.locale);
    },
  }),
);
