import { execute as executeEvent, isIncrementalResults } from '@graphql-tools/executor';
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  type OperationDefinitionNode,
} from 'graphql';
import { createGraphQLError, isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import type { StoredCaseEvent } from '../events/audit.ts';
import { type LiveFanout, SOCKET_SUBSCRIPTION, type SocketSubscription } from './live-fanout.ts';

/**
 * Marks a subscription field (in its `extensions`) whose events resolve to the same result for every subscriber
 * with the same document, variables and `partitionBy` key: the fields under it read only the event (and what
 * `partitionBy` covers). Which events a subscriber receives is still decided per subscription, by its own
 * source stream.
 */
export const SHARED_EVENT_RESULTS = 'sharedEventResults';

type MaybePromise<T> = T | Promise<T>;

/** per event object (shared by every subscription the bus hands it to): selection key → its execution */
const executions = new WeakMap<object, Map<string, MaybePromise<ExecutionResult>>>();

/** Shape of the text a document was parsed from: the same text gives the same key. */
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;
function documentKey(document: DocumentNode): string {
  const body = document.loc?.source.body;
  if (body !== undefined) return `text:${body}`;
  let id = documentIds.get(document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(document, id);
  }
  return `node:${id}`;
}

function isShared(args: ExecutionArgs, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'subscription') return false;
  const [selection, ...more] = operation.selectionSet.selections;
  if (!selection || more.length > 0 || selection.kind !== 'Field') return false;
  const field = args.schema.getSubscriptionType()?.getFields()[selection.name.value];
  return field?.extensions?.[SHARED_EVENT_RESULTS] === true;
}

/** What graphql-tools' subscribe does with an error of the source stream. */
function wrapStreamError(error: unknown, operation: OperationDefinitionNode): never {
  const original = error instanceof Error ? error : new Error(String(error));
  throw createGraphQLError(original.message, { originalError: original, nodes: [operation] });
}

/**
 * graphql-ws executes the selection of a subscription once per event and subscriber. For subscriptions marked
 * with SHARED_EVENT_RESULTS, subscribers of the same event with the same document, operation, variables and
 * `partitionBy(context)` share one execution (and its result object, which nothing downstream mutates); the
 * rest (source stream per subscriber, its filter and order, every other envelop hook) is unchanged. Anything
 * unusual (not one marked root field, a setup error, an incremental result) takes the ordinary path.
 */
export function useSharedEventResults(partitionBy: (context: unknown) => string, fanout?: LiveFanout): Plugin {
  return {
    onSubscribe({ subscribeFn, setSubscribeFn }) {
      setSubscribeFn(async (args: ExecutionArgs) => {
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation || !isShared(args, operation)) return subscribeFn(args);
        const key = [
          documentKey(args.document),
          args.operationName ?? '',
          JSON.stringify(args.variableValues ?? {}),
          partitionBy(args.contextValue),
        ].join('\u0000');
        const context = args.contextValue as Context & { [SOCKET_SUBSCRIPTION]?: SocketSubscription };
        // over graphql-ws the stream's events are written to the socket by the fan-out (live-fanout.ts)
        const socket = fanout && context[SOCKET_SUBSCRIPTION];
        if (socket) context.eventWriter = fanout.writerFor(socket, key, (event: StoredCaseEvent) => executeOnce(event));
        let source: Awaited<ReturnType<typeof createSourceEventStream>>;
        try {
          source = await createSourceEventStream(args);
        } catch {
          delete context.eventWriter;
          return subscribeFn(args);
        }
        // errors (refusals, bad variables) are reported exactly as before: by the ordinary path
        if (!isAsyncIterable(source)) {
          delete context.eventWriter;
          return subscribeFn(args);
        }
        const executeOnce = (payload: unknown): MaybePromise<ExecutionResult> => {
          if (typeof payload !== 'object' || payload === null) return executeAlone(args, payload);
          let byKey = executions.get(payload);
          if (!byKey) {
            byKey = new Map();
            executions.set(payload, byKey);
          }
          let result = byKey.get(key);
          if (!result) {
            result = executeAlone(args, payload);
            byKey.set(key, result);
          }
          return result;
        };
        return mapAsyncIterator(source, executeOnce, (error: unknown) => wrapStreamError(error, operation));
      });
    },
  };
}

async function executeAlone(args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> {
  const result = await executeEvent({ ...args, rootValue: payload });
  // no @defer/@stream in this schema; should one appear, its first part is all a shared result could carry
  if (isIncrementalResults(result)) throw new Error('incremental delivery is not supported for shared event results');
  return result as ExecutionResult;
}
