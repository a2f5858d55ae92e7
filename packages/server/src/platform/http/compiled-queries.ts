import { useGraphQlJit } from '@envelop/graphql-jit';
import { type ExecutionArgs, getOperationAST, getVariableValues } from 'graphql';

/**
 * Queries run as JavaScript compiled once per document (graphql-jit) instead of walking the schema for every
 * field of every row: a queue page of 20 rows spends most of its CPU there otherwise. Mutations and
 * subscriptions keep graphql-js's executor (their resolvers run once per request or per event, and the
 * subscription plugins wrap that executor), and so does a query whose variables graphql-js refuses: its errors
 * (which name the input field, `filter.submittedFrom`, and carry our scalars' issues) stay graphql-js's.
 */
export function useCompiledQueries() {
  return useGraphQlJit({}, { enableIf: compilable });
}

function compilable(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  if (operation?.operation !== 'query') return false;
  const definitions = operation.variableDefinitions ?? [];
  if (definitions.length === 0) return true;
  return !('errors' in getVariableValues(args.schema, definitions, args.variableValues ?? {}, { maxErrors: 1 }));
}
