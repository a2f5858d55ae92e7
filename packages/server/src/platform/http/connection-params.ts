/** graphql-ws close code of a socket whose connection_init payload is malformed */
export const BAD_CONNECTION_PARAMS = 4400;

/** What a graphql-ws connection_init payload may carry; everything the socket's operations are judged by. */
export interface ConnectionParams {
  /** `Bearer <token>` as in the HTTP header, or null (anonymous) */
  authorization: string | null;
  /** `en` for English messages, like Accept-Language */
  locale: string | null;
}

const MAX_LENGTH = 4096;

function optionalString(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && value.length <= MAX_LENGTH ? value : undefined;
}

/**
 * The one reading of a connection_init payload: an object (or none) whose `authorization` and `locale`, when
 * present, are strings. Anything else is refused (`error`, a close reason of at most 123 bytes) instead of being
 * read one way by one check and another way by the next (an array `authorization` once passed as an API token
 * to the trusted-documents check while the viewer came out anonymous).
 */
export function parseConnectionParams(payload: unknown): ConnectionParams | { error: string } {
  if (payload === undefined || payload === null) return { authorization: null, locale: null };
  if (typeof payload !== 'object' || Array.isArray(payload)) {
    return { error: '连接参数无效 (connection params must be an object)' };
  }
  const { authorization, locale } = payload as Record<string, unknown>;
  const parsedAuthorization = optionalString(authorization);
  if (parsedAuthorization === undefined) {
    return { error: '连接参数无效 (authorization must be a string)' };
  }
  const parsedLocale = optionalString(locale);
  if (parsedLocale === undefined) return { error: '连接参数无效 (locale must be a string)' };
  return { authorization: parsedAuthorization, locale: parsedLocale };
}
