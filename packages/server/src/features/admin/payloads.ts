// An admin mutation: `<mutation>(input: <Input>!): <Name>Payload`, the payload union of its success type and the
// typed errors.
import type { DomainError, Label, Locale, Result } from '@leqi/domain';
import type { InputObjectRef, ObjectRef, UnionRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { bilingual } from '../../platform/described-enum.ts';
import {
  BaseErrorRef,
  StaleVersionErrorRef,
  toPayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';

type Success<N extends string, K extends string, T> = { __typename: N } & Record<K, T>;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Registers the mutation; its payload is `<Name>Success { <field>: <type> } | BaseError | ValidationError |
 * StaleVersionError` with `run`'s result. The descriptions of the payload union, the success type and the input
 * argument are derived from `action`; the mutation's own is `description` with the admin-only rule added.
 */
export function adminMutation<N extends string, K extends string, T, I>(
  mutation: string,
  payload: {
    name: N;
    field: K;
    // biome-ignore lint/suspicious/noExplicitAny: any object ref of the schema
    type: ObjectRef<any, T>;
    /** the success field: what the mutation returns */
    description: Label;
  },
  options: {
    /** what the mutation does, as a phrase: { zh: '新增用户账号', en: 'creating a user account' } */
    action: Label;
    /** the mutation's rules, without a final full stop */
    description: Label;
    input: InputObjectRef<BuilderTypes, I>;
    run: (
      app: AppServices,
      viewer: Viewer,
      input: I,
      locale: Locale,
      clientAddress: string | null,
    ) => Promise<Result<T, DomainError>>;
  },
): void {
  const { name, field, type } = payload;
  const { action, description } = options;
  const successName = `${name}Success` as const;
  const SuccessRef = builder.objectRef<Success<typeof successName, K, T>>(successName).implement({
    description: bilingual({ zh: `${action.zh}成功`, en: `${capitalised(action.en)} succeeded` }),
    isTypeOf: (value) => (value as { __typename?: string }).__typename === successName,
    fields: (t) => ({
      [field]: t.field({
        type,
        description: bilingual(payload.description),
        // biome-ignore lint/suspicious/noExplicitAny: the generic field's resolver type is not inferable here
        resolve: (success) => (success as Record<K, T>)[field] as any,
      }),
    }),
  });
  const Payload = builder.unionType(`${name}Payload`, {
    description: bilingual({
      zh:
        `${action.zh}的结果：成功时为 ${successName}；被拒时为 BaseError（如 UNAUTHENTICATED、FORBIDDEN、` +
        'NOT_FOUND、DUPLICATE）、ValidationError（逐项列出输入的问题）或 StaleVersionError（记录已被他人修改）',
      en:
        `Result of ${action.en}: ${successName}, or when refused a BaseError (e.g. UNAUTHENTICATED, FORBIDDEN, ` +
        'NOT_FOUND, DUPLICATE), a ValidationError (the problems of the input, field by field) or a ' +
        'StaleVersionError (the record was changed meanwhile)',
    }),
    types: [SuccessRef, BaseErrorRef, ValidationErrorRef, StaleVersionErrorRef],
  });
  // the union's members are the payload's own; the resolver only passes them through
  const payloadRef = Payload as unknown as UnionRef<BuilderTypes, object, object>;
  builder.mutationField(mutation, (t) =>
    t.field({
      type: payloadRef,
      description: bilingual({
        zh: `${description.zh}。仅平台管理员可调用（其他用户得到 FORBIDDEN）`,
        en: `${description.en}. Platform admin only (FORBIDDEN for anyone else)`,
      }),
      args: {
        input: t.arg({
          type: options.input as InputObjectRef<BuilderTypes, object>,
          description: bilingual({ zh: `${action.zh}的输入`, en: `Input for ${action.en}` }),
        }),
      },
      resolve: async (_root, { input }, context): Promise<object> => {
        if (!isSignedIn(context)) return unauthenticated.inPayload(context);
        const result = await options.run(
          context.app,
          context.viewer,
          input as I,
          context.locale,
          context.clientAddress,
        );
        return result.ok
          ? { __typename: successName, [field]: result.value }
          : toPayloadError(result.error, context.locale);
      },
    }),
  );
}
