import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { setSecurityHeaders } from './security-headers.ts';

function headersFor(pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value) };
  setSecurityHeaders(response as unknown as ServerResponse, pathname, { https: false, graphiql: false });
  return headers;
}

describe('security headers for inline material previews', () => {
  it('lets our own pages frame a material (PDF/image preview) and nobody else', () => {
    const material = headersFor('/files/abc');
    expect(material['x-frame-options']).toBe('SAMEORIGIN');
    expect(material['content-security-policy']).toBe("frame-ancestors 'self'");
  });

  it('still forbids framing the app and the API', () => {
    expect(headersFor('/workbench')['x-frame-options']).toBe('DENY');
    expect(headersFor('/workbench')['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headersFor('/graphql')['x-frame-options']).toBe('DENY');
  });
});
