// An admin mutation: `<mutation>(input: <Input>!): <Name>Payload`, the payload union of its success type and the
// typed errors.
import type { DomainError, Locale, Result } from '@leqi/domain';
import type { InputObjectRef, ObjectRef, UnionRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import {
  BaseErrorRef,
  StaleVersionErrorRef,
  toPayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';

type Success<N extends string, K extends string, T> = { __typename: N } & Record<K, T>;

/**
 * Registers the mutation; its payload is `<Name>Success { <field>: <type> } | BaseError | ValidationError |
 * StaleVersionError` with `run`'s result.
 */
export function adminMutation<N extends string, K extends string, T, I>(
  mutation: string,
  payload: {
    name: N;
    field: K;
    // biome-ignore lint/suspicious/noExplicitAny: any object ref of the schema
    type: ObjectRef<any, T>;
  },
  options: {
    description: string;
    input: InputObjectRef<BuilderTypes, I>;
    run: (app: AppServices, viewer: Viewer, input: I, locale: Locale) => Promise<Result<T, DomainError>>;
  },
): void {
  const { name, field, type } = payload;
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
  // the union's members are the payload's own; the resolver only passes them through
  const payloadRef = Payload as unknown as UnionRef<BuilderTypes, object, object>;
  builder.mutationField(mutation, (t) =>
    t.field({
      type: payloadRef,
      description: options.description,
      args: { input: t.arg({ type: options.input as InputObjectRef<BuilderTypes, object> }) },
      resolve: async (_root, { input }, context): Promise<object> => {
        if (!isSignedIn(context)) return unauthenticated.inPayload(context);
        const result = await options.run(context.app, context.viewer, input as I, context.locale);
        return result.ok
          ? { __typename: successName, [field]: result.value }
          : toPayloadError(result.error, context.locale);
      },
    }),
  );
}
