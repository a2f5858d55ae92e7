// The size limit of a GraphQL request's body, in place of graphql-yoga's own, which wraps every body in a transform
// stream (a stream pipeline, an AbortController and a DOMException with its stack for each request: ~5% of a saved
// draft's CPU, measured). A body with a Content-Length is exactly that long (the HTTP parser holds it to that), so
// only its header needs checking; only a body of unknown length (chunked) is counted as it is read.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const CONTENT_LENGTH = /^\d+$/;

function tooLarge(): GraphQLError {
  return new GraphQLError('请求过大 (request body too large)', {
    extensions: { code: 'LIMIT_EXCEEDED', http: { status: 413 } },
  });
}

/** A chunked body read through a counter that fails the read past `limit` bytes. */
function counted(
  request: Request,
  limit: number,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
): Request {
  const body = request.body;
  if (!body) return request;
  let read = 0;
  // a native body needs the native TransformStream, a ponyfilled one the fetch API's (as yoga's own limit does)
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    duplex: 'half',
  } as RequestInit);
}

/** Must come after every plugin that sets a request parser (yoga's own are registered before the user's). */
export function useBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!CONTENT_LENGTH.test(length)) {
          throw new GraphQLError('Content-Length 无效 (invalid Content-Length)', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        if (Number(length) > limit) throw tooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      setRequestParser((incoming) => requestParser(counted(incoming, limit, fetchAPI)));
    },
  };
}
