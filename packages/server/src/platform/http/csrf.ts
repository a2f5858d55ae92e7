import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const CSRF_HEADER = 'x-leqi-csrf';

/** Content types a browser may POST cross-site without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded', 'text/plain'];

/**
 * CSRF prevention for uploads: a POST of a "simple" content type (what a hostile page's <form> can send,
 * e.g. a multipart upload) must carry the `x-leqi-csrf` header, which only a script of an allowed origin can set.
 * `@graphql-yoga/plugin-csrf-prevention` demands the header on GET requests as well, which would refuse
 * plain GET queries of the GraphQL-over-HTTP spec (and its conformance audits); GET never runs mutations here.
 */
export function useUploadCsrfPrevention(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!SIMPLE_CONTENT_TYPES.includes(contentType) || request.headers.has(CSRF_HEADER)) return;
      const error = createGraphQLError(
        `缺少请求头 ${CSRF_HEADER}（防跨站请求伪造） (header ${CSRF_HEADER} required for ${contentType} requests)`,
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
