// 修改密码 in the API: the Viewer's password state, and `changePassword` for the signed-in user.
import { PASSWORD_CHANGE_REASONS, PASSWORD_MAX_LENGTH, type PasswordPolicy } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import type { Viewer } from '../../platform/context.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { changeOwnPassword } from './password.ts';
import { RetryLaterErrorRef, retryLaterOr, ViewerRef } from './schema.ts';
import { bearerToken } from './service.ts';

const PasswordChangeReasonEnum = describedEnum('PasswordChangeReason', {
  description: {
    zh: '必须先修改密码的原因；在修改之前，除 viewer、changePassword 与 signOut 外的操作均返回 PASSWORD_CHANGE_REQUIRED',
    en:
      'Why the password must be changed first; until it is, every operation but viewer, changePassword and ' +
      'signOut is refused with PASSWORD_CHANGE_REQUIRED',
  },
  values: PASSWORD_CHANGE_REASONS,
  label: (reason) =>
    reason === 'TEMPORARY'
      ? {
          zh: '密码由管理员设置或为临时密码，首次登录须修改',
          en: 'Set by an administrator or temporary: change it at first sign-in',
        }
      : {
          zh: '密码已超过最长使用期限（PASSWORD_MAX_AGE_DAYS）',
          en: 'Older than its maximum age (PASSWORD_MAX_AGE_DAYS)',
        },
});

builder.objectFields(ViewerRef, (t) => ({
  passwordChangeRequired: t.field({
    type: PasswordChangeReasonEnum,
    nullable: true,
    description:
      '登录用户必须先修改密码的原因；无须修改或为 API 令牌时为 null\n\n' +
      'Why the signed-in user must change their password first; null when they need not, and for an API token',
    resolve: (viewer) => viewer.password?.changeReason ?? null,
  }),
  passwordExpiresAt: t.field({
    type: 'DateTime',
    nullable: true,
    description:
      '登录用户的密码到期时间（PASSWORD_MAX_AGE_DAYS 为 0 时不过期）；API 令牌为 null\n\n' +
      'When the signed-in user’s password runs out (never when PASSWORD_MAX_AGE_DAYS is 0); null for an API token',
    resolve: (viewer) => viewer.password?.expiresAt ?? null,
  }),
}));

const PasswordPolicyRef = builder.objectRef<PasswordPolicy>('PasswordPolicy').implement({
  description:
    '口令策略（PASSWORD_MIN_LENGTH、PASSWORD_MIN_CLASSES、PASSWORD_MAX_AGE_DAYS、PASSWORD_HISTORY）：新密码须满足，' +
    '修改密码的页面据此提示\n\n' +
    'The password policy (PASSWORD_MIN_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_MAX_AGE_DAYS, PASSWORD_HISTORY) every ' +
    'new password must meet; the change-password page explains it from here',
  fields: (t) => ({
    minLength: t.exposeInt('minLength', { description: '最少字符数\n\nThe least number of characters' }),
    maxLength: t.int({
      description: '最多字符数\n\nThe most characters',
      resolve: () => PASSWORD_MAX_LENGTH,
    }),
    minClasses: t.exposeInt('minClasses', {
      description:
        '须包含的字符类别数（大写字母、小写字母、数字、其他字符四类中）\n\n' +
        'How many of the four classes (upper case, lower case, digits, other characters) it must mix',
    }),
    maxAgeDays: t.exposeInt('maxAgeDays', {
      description: '最长使用天数，到期须修改；0 为不限\n\nDays until a password must be changed; 0: never',
    }),
    history: t.exposeInt('history', {
      description: '不能重复使用的最近密码个数\n\nHow many of the latest passwords may not be used again',
    }),
  }),
});

builder.queryField('passwordPolicy', (t) =>
  t.field({
    type: PasswordPolicyRef,
    description: '口令策略（无须登录）\n\nThe password policy (no sign-in needed)',
    resolve: (_root, _args, context) => context.app.config.passwordPolicy,
  }),
);

const ChangePasswordSuccessRef = builder
  .objectRef<{ __typename: 'ChangePasswordSuccess'; viewer: Viewer }>('ChangePasswordSuccess')
  .implement({
    description: '密码已修改\n\nThe password was changed',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ChangePasswordSuccess',
    fields: (t) => ({
      viewer: t.field({
        type: ViewerRef,
        description:
          '修改后的登录用户（无须再修改密码）\n\nThe signed-in user after the change (no change required any more)',
        resolve: (success) => success.viewer,
      }),
    }),
  });

const ChangePasswordPayload = builder.unionType('ChangePasswordPayload', {
  description:
    '修改密码的结果：成功时为 ChangePasswordSuccess；被拒时为 ValidationError（当前密码不正确 INCORRECT_PASSWORD、' +
    '新密码不符合口令策略 OUT_OF_RANGE / WEAK_PASSWORD、与最近用过的密码相同 PASSWORD_REUSED）、RetryLaterError' +
    '（当前密码错误次数过多，与登录共用限流）或 BaseError（UNAUTHENTICATED、FORBIDDEN：API 令牌没有密码）\n\n' +
    'Result of changing the password: ChangePasswordSuccess, or when refused a ValidationError (the current ' +
    'password is wrong: INCORRECT_PASSWORD; the new one fails the policy: OUT_OF_RANGE / WEAK_PASSWORD; it was used ' +
    'recently: PASSWORD_REUSED), a RetryLaterError (too many wrong current passwords; the sign-in throttle) or a ' +
    'BaseError (UNAUTHENTICATED; FORBIDDEN: an API token has no password)',
  types: [ChangePasswordSuccessRef, BaseErrorRef, ValidationErrorRef, RetryLaterErrorRef],
});

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  description: '当前密码与新密码\n\nThe current password and the new one',
  fields: (t) => ({
    currentPassword: t.string({ description: '当前密码\n\nThe current password' }),
    newPassword: t.string({
      description:
        '新密码：默认 8–64 个字符，含大写字母、小写字母、数字、其他字符中的至少 3 类，不含用户名，且不同于最近 5 次用过的' +
        '密码（PASSWORD_MIN_LENGTH、PASSWORD_MIN_CLASSES、PASSWORD_HISTORY）\n\n' +
        'The new password: by default 8–64 characters mixing at least 3 of upper case, lower case, digits and other ' +
        'characters, without the user name, and none of the last 5 passwords (PASSWORD_MIN_LENGTH, ' +
        'PASSWORD_MIN_CLASSES, PASSWORD_HISTORY)',
    }),
  }),
});

builder.mutationField('changePassword', (t) =>
  t.field({
    type: ChangePasswordPayload,
    description:
      '修改登录用户自己的密码。当前密码按登录限流计数；成功后该账号的其他会话全部结束，本会话保持登录\n\n' +
      'Changes the signed-in user’s own password. Wrong current passwords count against the sign-in throttle; on ' +
      'success every other session of the account ends and this one stays signed in',
    args: {
      input: t.arg({ type: ChangePasswordInput, description: '当前密码与新密码\n\nThe current and new password' }),
    },
    resolve: async (_root, { input }, context) => {
      if (!context.viewer) return toSimplePayloadError({ code: 'UNAUTHENTICATED' }, context.locale);
      const result = await changeOwnPassword(
        context.app,
        context.viewer,
        bearerToken(context.authorization),
        context.clientAddress,
        input,
      );
      return result.ok
        ? { __typename: 'ChangePasswordSuccess' as const, viewer: result.value }
        : retryLaterOr(result.error, context.locale);
    },
  }),
);
