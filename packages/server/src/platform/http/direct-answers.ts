// Queries a root field answers itself, as JSON text, instead of GraphQL execution resolving and serialising it
// object by object: a field offers `extensions.directAnswer` (the review queue builds its page in PostgreSQL).
// Only an operation that is exactly that one field, without directives, with variables GraphQL accepts, is offered
// to it; the field answers null whenever it cannot answer alike (an error to report, a selection it does not
// build), and ordinary execution runs instead — so every refusal, error and mask stays execution's own.
import {
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  type VariableDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';

/** What a field's direct answer is given: its node in the document, the coerced arguments, the request's context. */
export interface DirectAnswerRequest {
  field: FieldNode;
  args: Record<string, unknown>;
  context: Context;
  schema: GraphQLSchema;
}

/** The field's value as JSON text, or null to let execution answer. */
export type DirectAnswer = (request: DirectAnswerRequest) => Promise<string | null> | null;

/** The extension key a root query field sets to its DirectAnswer. */
export const DIRECT_ANSWER = 'directAnswer';

interface Target {
  field: FieldNode;
  definition: GraphQLField<unknown, unknown>;
  answer: DirectAnswer;
  variables: readonly VariableDefinitionNode[];
}

const targets = new WeakMap<object, Map<string, Target | null>>();

/** The one root field of the operation, when it offers a direct answer; worked out once per parsed document. */
function targetOf(args: ExecutionArgs): Target | null {
  const byOperation = targets.get(args.document) ?? new Map<string, Target | null>();
  targets.set(args.document, byOperation);
  const name = args.operationName ?? '';
  const known = byOperation.get(name);
  if (known !== undefined) return known;
  let target: Target | null = null;
  const operation = getOperationAST(args.document, args.operationName);
  const [field, ...more] = operation?.selectionSet.selections ?? [];
  const definition = field?.kind === Kind.FIELD ? args.schema.getQueryType()?.getFields()[field.name.value] : undefined;
  const answer = definition?.extensions?.[DIRECT_ANSWER] as DirectAnswer | undefined;
  if (operation?.operation === 'query' && field?.kind === Kind.FIELD && more.length === 0 && definition && answer) {
    if (!operation.directives?.length && !field.directives?.length) {
      target = { field, definition, answer, variables: operation.variableDefinitions ?? [] };
    }
  }
  byOperation.set(name, target);
  return target;
}

/** The field's arguments as execution would coerce them; null when execution would report an error. */
function argumentsOf(args: ExecutionArgs, target: Target): Record<string, unknown> | null {
  const variables = getVariableValues(args.schema, target.variables, args.variableValues ?? {}, { maxErrors: 1 });
  if ('errors' in variables) return null;
  try {
    return getArgumentValues(target.definition, target.field, variables.coerced);
  } catch {
    return null;
  }
}

/** The result of a direct answer: its text is the response; `data` is parsed only for whoever reads it. */
function answered(key: string, text: string): ExecutionResult {
  const body = `{"data":{${JSON.stringify(key)}:${text}}}`;
  let data: ExecutionResult['data'];
  const result = {
    get data() {
      data ??= JSON.parse(body).data;
      return data;
    },
    // yoga writes a result through its own `stringify`; a plugin that copied the result gets plain JSON
    stringify: (value: unknown) => (value === result ? body : JSON.stringify(value)),
  };
  return result as ExecutionResult;
}

/**
 * Offers each query of a single direct-answering root field to that field first. Place after useCompiledQueries.
 * An answer that throws is logged and left to execution, which reports (and masks) the failure as it always does.
 */
export function useDirectAnswers(onAnswered?: (field: string) => void): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const target = targetOf(args);
      if (!target) return;
      setExecuteFn(async (execution: ExecutionArgs) => {
        const coerced = argumentsOf(execution, target);
        const context = execution.contextValue as Context;
        let text: string | null = null;
        try {
          text = coerced
            ? await target.answer({ field: target.field, args: coerced, context, schema: execution.schema })
            : null;
        } catch (error) {
          context.app.log?.warn('direct answer failed; executing the query', {
            field: target.field.name.value,
            error: error instanceof Error ? error.message : String(error),
          });
        }
        if (text === null) return executeFn(execution);
        onAnswered?.(target.field.name.value);
        return answered(target.field.alias?.value ?? target.field.name.value, text);
      });
    },
  };
}
