import { PREFLIGHT_HEADERS } from './csrf.ts';

type CorsOptions = {
  origin: string[];
  methods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  credentials: boolean;
  maxAge: number;
};

/**
 * graphql-yoga's `cors` option: pages of the origins in CORS_ORIGINS may call the API from the browser; any other
 * origin gets no CORS header at all, so the browser keeps its answers from that page (the web app itself is
 * same-origin and needs none). Credentials are never allowed: the API authenticates by the Authorization header,
 * which a page can only send with a token it already has.
 */
export function corsPolicy(allowedOrigins: readonly string[]): (request: Request) => CorsOptions | false {
  const allowed = new Set(allowedOrigins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST'],
      allowedHeaders: [
        'authorization',
        'content-type',
        'accept',
        'accept-language',
        'x-request-id',
        ...PREFLIGHT_HEADERS,
      ],
      exposedHeaders: ['x-request-id'],
      credentials: false,
      maxAge: 600,
    };
  };
}
