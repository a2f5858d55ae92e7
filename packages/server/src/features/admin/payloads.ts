// The payload union of an admin mutation: its success type and the typed errors.
import type { DomainError, Locale, Result } from '@leqi/domain';
import type { ObjectRef } from '@pothos/core';
import { builder } from '../../platform/builder.ts';
import {
  BaseErrorRef,
  type PayloadError,
  StaleVersionErrorRef,
  toPayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';

type Success<N extends string, K extends string, T> = { __typename: N } & Record<K, T>;

/** `<Name>Success { <field>: <type> }` and `<Name>Payload = Success | BaseError | ValidationError | StaleVersionError`. */
export function adminPayload<N extends string, K extends string, T>(
  name: N,
  field: K,
  // biome-ignore lint/suspicious/noExplicitAny: any object ref of the schema
  type: ObjectRef<any, T>,
) {
  const successName = `${name}Success` as const;
  const SuccessRef = builder.objectRef<Success<typeof successName, K, T>>(successName).implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === successName,
    fields: (t) => ({
      // biome-ignore lint/suspicious/noExplicitAny: the generic field's resolver type is not inferable here
      [field]: t.field({ type, resolve: (success) => (success as Record<K, T>)[field] as any }),
    }),
  });
  const Payload = builder.unionType(`${name}Payload`, {
    types: [SuccessRef, BaseErrorRef, ValidationErrorRef, StaleVersionErrorRef],
  });
  const toPayload = (
    result: Result<T, DomainError>,
    locale: Locale,
  ): Success<typeof successName, K, T> | PayloadError =>
    result.ok
      ? ({ __typename: successName, [field]: result.value } as Success<typeof successName, K, T>)
      : toPayloadError(result.error, locale);
  return { Payload, toPayload };
}
