// Requests from a chosen local address (127.0.0.0/8 is all loopback on Linux), so one test can play several
// clients that the server tells apart by their socket's peer address.
import { request } from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLResponse } from './harness.ts';

export function gqlFrom<T = Record<string, any>>(
  serverUrl: string,
  localAddress: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T> & { status: number }> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${serverUrl}/graphql`,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode ?? 0, ...(JSON.parse(text) as GraphQLResponse<T>) });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** One operation (a mutation, too) over graphql-ws from `localAddress`; resolves with its single result. */
export async function wsOnceFrom(
  serverUrl: string,
  localAddress: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse> {
  class FromAddress extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { localAddress });
    }
  }
  const client = createClient({
    url: `${serverUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: FromAddress,
    retryAttempts: 0,
  });
  try {
    for await (const result of client.iterate({ query, variables })) return result as GraphQLResponse;
    throw new Error('no result over graphql-ws');
  } finally {
    await client.dispose();
  }
}
