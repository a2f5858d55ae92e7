import type { ServerResponse } from 'node:http';

/**
 * For the built web app: scripts and styles from our origin only; inline styles are needed by index.html's
 * small <style> and by the component library's CSS-in-JS; subscriptions use WebSocket to our origin.
 */
const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API responses (JSON) never need to load anything. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

interface SecurityHeaderOptions {
  /** Strict-Transport-Security is sent only when the server is reached over HTTPS (BEHIND_HTTPS=true). */
  https: boolean;
  /** GraphiQL (development only) loads its page from a CDN; /graphql then gets no CSP. */
  graphiql: boolean;
}

/** Set before any handler writes; writeHead merges them with the handler's own headers. */
export function setSecurityHeaders(response: ServerResponse, pathname: string, options: SecurityHeaderOptions): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // materials (PDF, images) may be previewed inline in the case detail page of our own origin, nowhere else
  const material = pathname.startsWith('/files/');
  response.setHeader('X-Frame-Options', material ? 'SAMEORIGIN' : 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (options.https) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (pathname === '/graphql') {
    // whether CORS headers are sent depends on the Origin (CORS_ORIGINS): caches must keep the answers apart
    response.setHeader('Vary', 'Origin');
    if (!options.graphiql) response.setHeader('Content-Security-Policy', API_CSP);
  } else if (material) {
    // material downloads (PDF and images shown inline by the browser's own viewer) get no CSP but the frame rule
    response.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
  } else {
    response.setHeader('Content-Security-Policy', WEB_APP_CSP);
  }
}
