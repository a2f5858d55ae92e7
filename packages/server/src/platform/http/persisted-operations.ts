import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** The web app's operations, written at build time (packages/web/scripts/persisted-operations.ts): hash → document. */
type PersistedOperations = ReadonlyMap<string, string>;

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

export function loadPersistedOperations(path: string): PersistedOperations {
  if (!existsSync(path)) return new Map();
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(manifest).filter(([hash, query]) => sha256Hex(query) === hash));
}

const PERSISTED_ONLY_MESSAGE =
  '生产环境的浏览器会话只能执行 Web 应用的已登记操作；集成方请使用 API 令牌 (in production, browser sessions may only run the web app’s persisted operations; integrations use an API token)';

/**
 * Trusted documents: a request may name a persisted operation by `extensions.persistedQuery.sha256Hash`
 * (always). Arbitrary documents are allowed in development and, with trusted documents on (production), only
 * for `allowArbitrary` callers (enterprises' API tokens).
 */
export function persistedOperationsPlugin(
  operations: PersistedOperations,
  trustedDocumentsOnly: boolean,
  allowArbitrary: (request: Request) => Promise<boolean>,
): Plugin {
  const plugin = usePersistedOperations({
    getPersistedOperation: (hash) => operations.get(hash) ?? null,
    allowArbitraryOperations: trustedDocumentsOnly ? allowArbitrary : true,
    customErrors: {
      persistedQueryOnly: { message: PERSISTED_ONLY_MESSAGE, extensions: { code: 'PERSISTED_QUERY_ONLY' } },
      // the Apollo convention, so a client may retry with the whole document (allowed in development)
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    },
  });
  // found by text, not by hashing every request's query (the manifest holds only entries whose hash is their text's)
  const hashOfDocument = new Map([...operations].map(([hash, query]) => [query, hash]));
  return {
    onParams(payload) {
      // a persisted document sent in full is the same trusted document
      const { params } = payload;
      // a non-string query (an array, a number) is left to graphql-yoga, which refuses it with a 400
      const hash = typeof params.query === 'string' ? hashOfDocument.get(params.query) : undefined;
      if (hash !== undefined) {
        const persisted = {
          ...params,
          query: undefined,
          extensions: { ...params.extensions, persistedQuery: { version: 1, sha256Hash: hash } },
        };
        payload.setParams(persisted);
        return plugin.onParams?.({ ...payload, params: persisted });
      }
      return plugin.onParams?.(payload);
    },
    onParse: plugin.onParse,
    onValidate: plugin.onValidate,
  } as Plugin;
}

/**
 * The same rule for graphql-ws: a browser session in production may subscribe only to a persisted document,
 * given by hash or as its exact text. Returns the document to run, or an error.
 */
export function persistedSubscriptionDocument(
  operations: PersistedOperations,
  params: { query?: string; extensions?: Record<string, unknown> | null },
): { query: string } | { error: Error } {
  const persisted = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const hash =
    typeof persisted?.sha256Hash === 'string'
      ? persisted.sha256Hash
      : typeof params.query === 'string'
        ? sha256Hex(params.query)
        : '';
  const query = operations.get(hash);
  if (query) return { query };
  return { error: createGraphQLError(PERSISTED_ONLY_MESSAGE, { extensions: { code: 'PERSISTED_QUERY_ONLY' } }) };
}
