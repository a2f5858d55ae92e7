import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const CSRF_HEADER = 'x-leqi-csrf';

/**
 * Headers that prove a request was made by a script (a cross-site <form> cannot set any header): ours and the ones
 * common clients already send — graphql-yoga's and Apollo's (apollo-upload-client, Apollo Client and Apollo
 * Server's own CSRF prevention).
 */
export const PREFLIGHT_HEADERS = [
  CSRF_HEADER,
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

/** Content types a browser may POST cross-site without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain'];

/**
 * CSRF prevention: a POST of a "simple" content type (what a hostile page's <form> can send, e.g. a multipart
 * upload) must show it was sent by a script — an Authorization header (our only credential: there are no cookies,
 * so a request without it acts anonymously) or one of PREFLIGHT_HEADERS.
 * `@graphql-yoga/plugin-csrf-prevention` demands the header on GET requests as well, which would refuse
 * plain GET queries of the GraphQL-over-HTTP spec (and its conformance audits); GET never runs mutations here.
 * A form or plain-text request that passes is refused by `useFormMediaTypeRefusal` (media-type.ts), after this.
 */
export function useUploadCsrfPrevention(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!SIMPLE_CONTENT_TYPES.includes(contentType)) return;
      const fromScript =
        request.headers.has('authorization') || PREFLIGHT_HEADERS.some((header) => request.headers.has(header));
      if (fromScript) return;
      const error = createGraphQLError(
        `缺少请求头 ${CSRF_HEADER}（防跨站请求伪造；带 Authorization 的请求无需此头） (a ${contentType} request needs an Authorization header or a preflight header: ${PREFLIGHT_HEADERS.join(', ')})`,
        { extensions: { code: 'CSRF_HEADER_MISSING' } },
      );
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
          status: 403,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
      );
    },
  };
}
