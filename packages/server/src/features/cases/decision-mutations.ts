// A case kind's payload union and its decision mutations, read off its table: one per bureau event, named as the
// table names it (`mutation: 'confirmAccessApplication'`), each deciding through decideCase.
import type { DomainError, Result } from '@leqi/domain';
import type { ObjectRef, UnionRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import {
  BaseErrorRef,
  type PayloadError,
  StaleVersionErrorRef,
  toPayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';
import { decisionMutations } from './bureau-case.ts';
import { decideCase } from './decide.ts';
import type { CaseKind, ReviewCaseShape } from './kind.ts';

export const CaseVersionInput = builder.inputType('CaseVersionInput', {
  fields: (t) => ({ id: t.globalID(), expectedVersion: t.int() }),
});
export const CaseDecisionWithReasonInput = builder.inputType('CaseDecisionWithReasonInput', {
  fields: (t) => ({ id: t.globalID(), expectedVersion: t.int(), reason: t.string() }),
});

type PayloadUnion = UnionRef<BuilderTypes, object, object>;

/** A kind's `<Typename>Payload` union and how a service's answer becomes one of its members. */
export interface CasePayload<Stored> {
  payload: PayloadUnion;
  /** the case (adapted by the kind's `asCase`) in `<Typename>Success`, or the refusal */
  toPayload(result: Result<Stored>, context: Context): object;
}

/**
 * The union `<Typename>Payload` = `<Typename>Success { <typename>: <Typename>! }` | the refusals (`errors`, in the
 * order the schema lists them); `toError` words a refusal (default: toPayloadError).
 */
export function casePayload<Stored, Row extends Stored>(
  typename: string,
  node: ObjectRef<BuilderTypes, Row>,
  asCase: (row: Stored) => Row,
  errors: ObjectRef<BuilderTypes, object>[] = [BaseErrorRef, ValidationErrorRef, StaleVersionErrorRef],
  toError: (error: DomainError, context: Context) => object = (error, context) => toPayloadError(error, context.locale),
): CasePayload<Stored> {
  const success = `${typename}Success`;
  const field = typename.charAt(0).toLowerCase() + typename.slice(1);
  const successRef = builder.objectRef<Record<string, Row>>(success).implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === success,
    fields: (t) => ({ [field]: t.field({ type: node, resolve: (payload) => payload[field] as never }) }),
  });
  const payload = builder.unionType(`${typename}Payload`, {
    types: [successRef, ...errors],
  }) as unknown as PayloadUnion;
  return {
    payload,
    toPayload: (result, context) =>
      result.ok ? { __typename: success, [field]: asCase(result.value) } : toError(result.error, context),
  };
}

export interface DecisionMutationsSpec<Row extends ReviewCaseShape, Payload extends object> {
  kind: CaseKind<Row>;
  /** the kind's payload union: its success type and the errors */
  payload: UnionRef<BuilderTypes, Payload | PayloadError, Payload | PayloadError> | PayloadUnion;
  /** the decided case (or the refusal) as a member of the payload union */
  toPayload(result: Result<NoInfer<Row>>, context: Context): Payload | PayloadError | object;
  /** the mutation's description, by event */
  describe(event: string): string;
}

/** Registers one mutation per decision of the kind's table (`casePayload` gives `payload` and `toPayload`). */
export function defineDecisionMutations<Row extends ReviewCaseShape, Payload extends object>({
  kind,
  payload,
  toPayload,
  describe,
}: DecisionMutationsSpec<Row, Payload>): void {
  // the members' shapes are the kind's own; the loop only passes them through
  const payloadRef = payload as unknown as PayloadUnion;
  for (const { mutation, event, needsReason } of decisionMutations(kind.workflow)) {
    builder.mutationField(mutation, (t) =>
      t.field({
        type: payloadRef,
        description: describe(event),
        args: { input: t.arg({ type: needsReason ? CaseDecisionWithReasonInput : CaseVersionInput }) },
        resolve: async (_root, { input }, context): Promise<object> => {
          if (!isSignedIn(context)) return unauthenticated.inPayload(context);
          if (input.id.typename !== kind.typename) return toPayloadError({ code: 'NOT_FOUND' }, context.locale);
          const reason = 'reason' in input ? (input.reason as string) : null;
          const { app, viewer } = context;
          return toPayload(
            await decideCase(app, viewer, kind, event, input.id.id, input.expectedVersion, reason),
            context,
          );
        },
      }),
    );
  }
}
