import { ERROR_CODES, type ErrorCode, FIELD_ISSUE_CODES, issueMessage, messageFor } from '@leqi/domain';
import { builder } from './builder.ts';
import { describedEnum } from './described-enum.ts';
import type {
  BaseErrorShape,
  FieldIssueShape,
  StaleVersionErrorShape,
  ValidationErrorShape,
} from './payload-errors.ts';

export { type PayloadError, refusalError, toPayloadError, toSimplePayloadError } from './payload-errors.ts';

export const ErrorCodeEnum = describedEnum('ErrorCode', {
  description: { zh: '拒绝的原因代码', en: 'Why a request was refused' },
  values: ERROR_CODES,
  label: (code) => ({ zh: messageFor({ code }, 'zh-CN'), en: messageFor({ code }, 'en') }),
});

const FieldIssueCodeEnum = describedEnum('FieldIssueCode', {
  description: { zh: '输入项问题的代码', en: 'What is wrong with one input field' },
  values: FIELD_ISSUE_CODES,
  label: (code) => ({ zh: issueMessage({ field: '', code }, 'zh-CN'), en: issueMessage({ field: '', code }, 'en') }),
});

/** Every expected refusal is a value of a union member implementing `Error`; nothing throws for it. */
export const ErrorInterface = builder.interfaceRef<{ code: ErrorCode; message: string }>('Error').implement({
  description:
    '一项拒绝：原因代码与按请求语言写成的说明\n\nA refusal: its code and a message in the request’s language',
  fields: (t) => ({
    code: t.field({ type: ErrorCodeEnum, description: '原因代码\n\nThe refusal’s code', resolve: (e) => e.code }),
    message: t.exposeString('message', {
      description: '说明（中文或英文，随请求语言）\n\nThe message, in the request’s language',
    }),
  }),
});

const FieldIssueRef = builder.objectRef<FieldIssueShape>('FieldIssue').implement({
  description: '一个输入项的问题\n\nA problem with one input field',
  fields: (t) => ({
    field: t.exposeString('field', {
      description: '输入项的路径，如 invitations.3.uscc\n\nPath of the input field, e.g. invitations.3.uscc',
    }),
    code: t.field({ type: FieldIssueCodeEnum, description: '问题代码\n\nThe problem’s code', resolve: (i) => i.code }),
    message: t.exposeString('message', { description: '问题说明\n\nThe problem, in words' }),
  }),
});

export const BaseErrorRef = builder.objectRef<BaseErrorShape>('BaseError').implement({
  description:
    '其他拒绝：未登录（UNAUTHENTICATED）、无权限（FORBIDDEN）、未找到（NOT_FOUND）、当前状态不能执行（INVALID_TRANSITION）、' +
    '相邻环节同一人办理（FOUR_EYES）、超出限制（LIMIT_EXCEEDED）、重复（DUPLICATE）等，没有输入项明细\n\n' +
    'Any other refusal: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_TRANSITION, FOUR_EYES, LIMIT_EXCEEDED, DUPLICATE ' +
    'and the like, without field details',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'BaseError',
});

export const ValidationErrorRef = builder.objectRef<ValidationErrorShape>('ValidationError').implement({
  description:
    '填写内容有误：逐项列出有问题的输入项（code 通常为 VALIDATION_FAILED）\n\n' +
    'Some input fields are invalid: each problem listed by field (code usually VALIDATION_FAILED)',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ValidationError',
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueRef],
      description: '各输入项的问题，至少一项\n\nThe problems of the input fields, at least one',
      resolve: (error) => error.issues,
    }),
  }),
});

export const StaleVersionErrorRef = builder.objectRef<StaleVersionErrorShape>('StaleVersionError').implement({
  description:
    '该事项已被他人处理（STALE_VERSION）：提交的 expectedVersion 不是事项的当前版本，请刷新后重试\n\n' +
    'The case was changed by someone else (STALE_VERSION): the expectedVersion sent is not its current version; reload and try again',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'StaleVersionError',
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', {
      description: '事项的当前版本号（未知时为 0）\n\nThe case’s current version (0 when unknown)',
    }),
  }),
});
