// A case kind's payload union and its decision mutations, read off its table: one per bureau event, named as the
// table names it (`mutation: 'confirmAccessApplication'`), each deciding through decideCase.
import { type DomainError, REASON_MAX_LENGTH, type Result } from '@leqi/domain';
import type { ObjectRef, UnionRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { bilingual } from '../../platform/described-enum.ts';
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
import { caseLabelOf } from './review-case.ts';

const CASE_ID =
  '案件的全局 ID，须为该操作所办理的案件类别，否则返回 NOT_FOUND\n\nGlobal ID of the case, of the kind the mutation decides (NOT_FOUND otherwise)';
const EXPECTED_VERSION =
  '读取时案件的 version；案件已被他人变更时返回 StaleVersionError（含当前版本）\n\n' +
  'The case’s version as read; StaleVersionError (with the version stored now) when it has changed since';

export const CaseVersionInput = builder.inputType('CaseVersionInput', {
  description: '办理一个案件：案件及读取时的版本\n\nA case to act on, with the version it was read at',
  fields: (t) => ({
    id: t.globalID({ description: CASE_ID }),
    expectedVersion: t.int({ description: EXPECTED_VERSION }),
  }),
});
export const CaseDecisionWithReasonInput = builder.inputType('CaseDecisionWithReasonInput', {
  description:
    '须填写原因的决定（不予受理、不通过等）：案件、读取时的版本及原因\n\n' +
    'A decision that needs a reason (refusals and rejections): the case, the version it was read at, and the reason',
  fields: (t) => ({
    id: t.globalID({ description: CASE_ID }),
    expectedVersion: t.int({ description: EXPECTED_VERSION }),
    reason: t.string({
      description:
        `原因，记入案件历史并作为 lastReason 显示；去除首尾空格后不得为空，最多 ${REASON_MAX_LENGTH} 个字符\n\n` +
        `The reason, recorded in the case’s history and shown as its lastReason; required (not blank once trimmed), at most ${REASON_MAX_LENGTH} characters`,
    }),
  }),
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
  const label = caseLabelOf(node);
  const en = label.en.toLowerCase();
  const successRef = builder.objectRef<Record<string, Row>>(success).implement({
    description: bilingual({ zh: `${label.zh}的操作已完成`, en: `The mutation on the ${en} succeeded` }),
    isTypeOf: (value) => (value as { __typename?: string }).__typename === success,
    fields: (t) => ({
      [field]: t.field({
        type: node,
        description: bilingual({
          zh: `操作后的${label.zh}（新的状态与版本）`,
          en: `The ${en} as it is after the mutation (its new status and version)`,
        }),
        resolve: (payload) => payload[field] as never,
      }),
    }),
  });
  const names = errors.map((error) => error.name).join('、');
  const payload = builder.unionType(`${typename}Payload`, {
    description: bilingual({
      zh: `${label.zh}操作的结果：成功时为 ${success}，被拒绝时为 ${names} 之一（含 code 与 message）`,
      en: `Result of a mutation on the ${en}: ${success}, or when refused one of ${errors.map((error) => error.name).join(', ')} (with code and message)`,
    }),
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
        args: {
          input: t.arg({
            type: needsReason ? CaseDecisionWithReasonInput : CaseVersionInput,
            description: needsReason
              ? '要办理的案件、读取时的版本及原因\n\nThe case, the version it was read at, and the reason'
              : '要办理的案件及读取时的版本\n\nThe case and the version it was read at',
          }),
        },
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
