import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Form-shaped content types that never carry GraphQL (multipart/form-data does: a file upload). */
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'text/plain'];

/**
 * GraphQL is never sent as a form or plain text: such a POST is refused in JSON with 415 UNSUPPORTED_MEDIA_TYPE
 * (the server's own 415 has no body). Registered after `useUploadCsrfPrevention` (csrf.ts), so a request of these
 * types sent without a credential or a preflight header is refused as a forgery (403) first.
 */
export function useFormMediaTypeRefusal(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!FORM_CONTENT_TYPES.includes(contentType)) return;
      const error = createGraphQLError(
        `不支持的请求内容类型 ${contentType}，请使用 application/json（上传文件用 multipart/form-data） (unsupported content type ${contentType}: send application/json, or multipart/form-data for uploads)`,
        { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } },
      );
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
          status: 415,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
      );
    },
  };
}
