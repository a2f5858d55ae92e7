import {
  type DomainError,
  ERROR_CODES,
  type ErrorCode,
  FIELD_ISSUE_CODES,
  type FieldIssueCode,
  issueMessage,
  type Locale,
  messageFor,
} from '@leqi/domain';
import { GraphQLError } from 'graphql';
import { builder } from './builder.ts';
import { describedEnum } from './described-enum.ts';

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

interface FieldIssueShape {
  field: string;
  code: FieldIssueCode;
  message: string;
}

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

type BaseErrorShape = { __typename: 'BaseError'; code: ErrorCode; message: string };
type ValidationErrorShape = {
  __typename: 'ValidationError';
  code: ErrorCode;
  message: string;
  issues: FieldIssueShape[];
};
type StaleVersionErrorShape = {
  __typename: 'StaleVersionError';
  code: ErrorCode;
  message: string;
  currentVersion: number;
};

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

export type PayloadError = BaseErrorShape | ValidationErrorShape | StaleVersionErrorShape;

/** Turns a domain error into the union member the client receives, worded in the caller's language. */
export function toPayloadError(error: DomainError, locale: Locale): PayloadError {
  const message = error.message ?? messageFor(error, locale);
  if (error.code === 'STALE_VERSION') {
    return {
      __typename: 'StaleVersionError',
      code: error.code,
      message,
      currentVersion: Number(error.params?.currentVersion ?? 0),
    };
  }
  if (error.issues && error.issues.length > 0) {
    return {
      __typename: 'ValidationError',
      code: error.code,
      message,
      issues: error.issues.map((issue) => ({
        field: issue.field,
        code: issue.code,
        message: issueMessage(issue, locale),
      })),
    };
  }
  return { __typename: 'BaseError', code: error.code, message };
}

/** For operations without versions (sign-in, upload): a stale version cannot occur there. */
export function toSimplePayloadError(error: DomainError, locale: Locale): BaseErrorShape | ValidationErrorShape {
  const payload = toPayloadError(error, locale);
  return payload.__typename === 'StaleVersionError'
    ? { __typename: 'BaseError', code: payload.code, message: payload.message }
    : payload;
}

/** A refusal of a query (no payload union there): a GraphQL error with the message, its code and the issues naming each bad argument (`first`, `after`, …). */
export function refusalError(error: DomainError, locale: Locale): GraphQLError {
  const issues = error.issues?.map((issue) => ({
    field: issue.field,
    code: issue.code,
    message: issueMessage(issue, locale),
  }));
  return new GraphQLError(messageFor(error, locale), {
    extensions: issues?.length ? { code: error.code, issues } : { code: error.code },
  });
}
