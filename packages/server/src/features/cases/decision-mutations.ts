// The decision mutations of a case kind, read off its table: one per bureau event, named as the table names it
// (`mutation: 'confirmAccessApplication'`), each deciding through decideCase.
import type { Result } from '@leqi/domain';
import type { SchemaTypes, UnionRef } from '@pothos/core';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { type PayloadError, toPayloadError } from '../../platform/graphql-errors.ts';
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

type BuilderTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes> ? Types : never;

export interface DecisionMutationsSpec<Row extends ReviewCaseShape, Payload extends object> {
  kind: CaseKind<Row>;
  /** the kind's payload union: its success type and the errors */
  payload: UnionRef<BuilderTypes, Payload | PayloadError, Payload | PayloadError>;
  /** the decided case (or the refusal) as a member of the payload union */
  toPayload(result: Result<NoInfer<Row>>, context: Context): Payload | PayloadError;
  /** the mutation's description, by event */
  describe(event: string): string;
}

/** Registers one mutation per decision of the kind's table. */
export function defineDecisionMutations<Row extends ReviewCaseShape, Payload extends object>(
  spec: DecisionMutationsSpec<Row, Payload>,
): void {
  // the members' shapes are the kind's own; the loop only passes them through
  const payloadRef = spec.payload as unknown as UnionRef<BuilderTypes, object, object>;
  for (const { mutation, event, needsReason } of decisionMutations(spec.kind.workflow)) {
    builder.mutationField(mutation, (t) =>
      t.field({
        type: payloadRef,
        description: spec.describe(event),
        args: { input: t.arg({ type: needsReason ? CaseDecisionWithReasonInput : CaseVersionInput }) },
        resolve: async (_root, { input }, context): Promise<object> => {
          if (!isSignedIn(context)) return unauthenticated.inPayload(context);
          if (input.id.typename !== spec.kind.typename) return toPayloadError({ code: 'NOT_FOUND' }, context.locale);
          const reason = 'reason' in input ? (input.reason as string) : null;
          const { app, viewer } = context;
          const decided = await decideCase(app, viewer, spec.kind, event, input.id.id, input.expectedVersion, reason);
          return spec.toPayload(decided, context);
        },
      }),
    );
  }
}
