import { type DomainError, issueMessage, type Locale, messageFor } from '@leqi/domain';
import { GraphQLError } from 'graphql';
import { builder } from './builder.ts';

/** Every expected refusal is a value of a union member implementing `Error`; nothing throws for it. */
export const ErrorInterface = builder.interfaceRef<{ code: string; message: string }>('Error').implement({
  fields: (t) => ({ code: t.exposeString('code'), message: t.exposeString('message') }),
});

interface FieldIssueShape {
  field: string;
  code: string;
  message: string;
}

const FieldIssueRef = builder.objectRef<FieldIssueShape>('FieldIssue').implement({
  fields: (t) => ({ field: t.exposeString('field'), code: t.exposeString('code'), message: t.exposeString('message') }),
});

type BaseErrorShape = { __typename: 'BaseError'; code: string; message: string };
type ValidationErrorShape = {
  __typename: 'ValidationError';
  code: string;
  message: string;
  issues: FieldIssueShape[];
};
type StaleVersionErrorShape = {
  __typename: 'StaleVersionError';
  code: string;
  message: string;
  currentVersion: number;
};

export const BaseErrorRef = builder.objectRef<BaseErrorShape>('BaseError').implement({
  description:
    'UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_TRANSITION, FOUR_EYES, LIMIT_EXCEEDED, DUPLICATE and other refusals',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'BaseError',
});

export const ValidationErrorRef = builder.objectRef<ValidationErrorShape>('ValidationError').implement({
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'ValidationError',
  fields: (t) => ({ issues: t.field({ type: [FieldIssueRef], resolve: (error) => error.issues }) }),
});

export const StaleVersionErrorRef = builder.objectRef<StaleVersionErrorShape>('StaleVersionError').implement({
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'StaleVersionError',
  fields: (t) => ({ currentVersion: t.exposeInt('currentVersion') }),
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

/** A refusal of a query (no payload union there): a GraphQL error with the message and its code. */
export function refusalError(error: DomainError, locale: Locale): GraphQLError {
  return new GraphQLError(messageFor(error, locale), { extensions: { code: error.code } });
}
