import { GraphQLError } from 'graphql';
import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';

/** NUL (PostgreSQL text cannot hold it) and unpaired UTF-16 surrogates (not text at all). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
const FORBIDDEN_CHARACTER = /[\u0000\p{Cs}]/u;
/** The same written as escapes inside the query's string literals. */
const FORBIDDEN_ESCAPE = /\\u0000/;
const MAX_SCAN_DEPTH = 64;

function hasForbiddenText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return FORBIDDEN_CHARACTER.test(value);
  if (depth > MAX_SCAN_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => hasForbiddenText(item, depth + 1));
  // uploaded files (their names are sanitised where they are stored) and other class instances are not input text
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.entries(value).some(
    ([key, item]) => FORBIDDEN_CHARACTER.test(key) || hasForbiddenText(item, depth + 1),
  );
}

/** Request body types graphql-yoga parses; anything else gets a JSON 415 instead of yoga's empty one. */
const PARSED_CONTENT_TYPES = [
  'application/json',
  'application/graphql+json',
  'application/graphql-response+json',
  'application/graphql',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'text/plain',
];
/** GET parameters yoga reads with JSON.parse (a malformed one used to end in a 500). */
const JSON_SEARCH_PARAMS = ['variables', 'extensions'];

function jsonError(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * Malformed requests yoga does not answer with a typed JSON error: a POST body of a type it cannot parse
 * (415) and GET parameters `variables`/`extensions` that are not JSON (400).
 */
export function useMalformedRequestGuard(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method === 'POST') {
        const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
        if (contentType && !PARSED_CONTENT_TYPES.includes(contentType)) {
          endResponse(
            jsonError(
              fetchAPI,
              415,
              'UNSUPPORTED_MEDIA_TYPE',
              `不支持的请求内容类型 ${contentType.slice(0, 80)} (unsupported content type)`,
            ),
          );
        }
        return;
      }
      if (request.method !== 'GET') return;
      for (const name of JSON_SEARCH_PARAMS) {
        const value = url.searchParams.get(name);
        if (!value) continue;
        try {
          JSON.parse(value);
        } catch {
          endResponse(
            jsonError(fetchAPI, 400, 'BAD_REQUEST', `参数 ${name} 不是有效的 JSON (${name} is not valid JSON)`),
          );
          return;
        }
      }
    },
  };
}

/**
 * Refuses, before anything runs, a request whose variables or query literals carry a NUL character or an
 * unpaired surrogate: the database would fail on the first and silently replace the second.
 */
export function useForbiddenCharacterGuard(): Plugin {
  return {
    onParams({ params }) {
      if (hasForbiddenText(params.variables) || (params.query !== undefined && FORBIDDEN_ESCAPE.test(params.query))) {
        throw createGraphQLError(
          '输入含有不允许的字符（空字符或不成对的代理项） (input contains a NUL character or an unpaired surrogate)',
          { extensions: { code: 'VALIDATION_FAILED', http: { status: 400 } } },
        );
      }
    },
  };
}

/** An error about the request itself (not an unexpected failure, which is masked as INTERNAL_SERVER_ERROR). */
function uncodedInputError(error: GraphQLError): boolean {
  if (error.extensions?.code) return false;
  return !error.originalError || error.originalError instanceof GraphQLError;
}

/**
 * graphql-js reports variables of the wrong type ("Variable "$x" got invalid value …") without a code; as do Pothos' input checks (e.g.
 * an invalid global ID); every error a client receives carries a code, so these become VALIDATION_FAILED.
 */
export function useRequestErrorCodes(): Plugin {
  return {
    // errors of the request itself (e.g. a multipart body whose `map` or `operations` is not JSON): BAD_REQUEST
    onResultProcess({ result, setResult }) {
      const single = Array.isArray(result) || isAsyncIterable(result) ? null : result;
      if (!single?.errors?.some((error) => !error.extensions?.code)) return;
      setResult({
        ...single,
        errors: single.errors.map((error) =>
          error.extensions?.code
            ? error
            : new GraphQLError(error.message, {
                nodes: error.nodes,
                source: error.source,
                positions: error.positions,
                path: error.path,
                originalError: error.originalError,
                extensions: { ...error.extensions, code: 'BAD_REQUEST' },
              }),
        ),
      });
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.some(uncodedInputError)) return;
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              !uncodedInputError(error)
                ? error
                : new GraphQLError(error.message, {
                    nodes: error.nodes,
                    source: error.source,
                    positions: error.positions,
                    path: error.path,
                    originalError: error.originalError,
                    extensions: { ...error.extensions, code: 'VALIDATION_FAILED' },
                  }),
            ),
          });
        },
      };
    },
  };
}
