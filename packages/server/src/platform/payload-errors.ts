// Domain errors as the client receives them: a member of a mutation's payload union, or the GraphQL error of a
// query. Registers nothing on the builder, so the builder's own plugins (refusal-channels.ts) may use it.
import {
  type DomainError,
  type ErrorCode,
  type FieldIssueCode,
  issueMessage,
  type Locale,
  messageFor,
} from '@leqi/domain';
import { GraphQLError } from 'graphql';

export interface FieldIssueShape {
  field: string;
  code: FieldIssueCode;
  message: string;
}

export type BaseErrorShape = { __typename: 'BaseError'; code: ErrorCode; message: string };
export type ValidationErrorShape = {
  __typename: 'ValidationError';
  code: ErrorCode;
  message: string;
  issues: FieldIssueShape[];
};
export type StaleVersionErrorShape = {
  __typename: 'StaleVersionError';
  code: ErrorCode;
  message: string;
  currentVersion: number;
};

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
