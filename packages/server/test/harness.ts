// Starts the real server (HTTP + WebSocket) on a real database for integration tests:
// an in-memory PGlite by default, a fresh PostgreSQL database when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import pg from 'pg';
import { type RunningApp, startApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Logger } from '../src/platform/observability/log.ts';
import { TEST_KEEP_ALIVE_MS } from './child-server.ts';
import { copySeedFiles, embeddedImage, postgresTemplate } from './database-images.ts';

export const DEMO_PASSWORD = 'Leqi@2026';
/** production refuses to start without a METRICS_TOKEN; test servers that do not set their own get this one */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';
export const SIGN_IN_DOCUMENT =
  'mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { __typename ... on SignInSuccess { token } ... on Error { code message } } }';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestServer {
  url: string;
  running: RunningApp;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  signIn(username: string): Promise<string>;
  close(): Promise<void>;
}

/** An empty database, or with `template` a copy of that one (the run's migrated or seeded template). */
export async function freshPostgresDatabase(
  baseUrl: string,
  template?: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `leqi_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function databaseKind(): 'postgres' | 'pglite' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

/**
 * `env` adds to (or overrides) the server's environment, e.g. `{ NODE_ENV: 'production' }`; with a
 * `DATABASE_URL` of its own the server uses that database (several instances of one deployment); an empty one
 * means the embedded database even in the PostgreSQL run.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { log?: Logger; schema?: GraphQLSchema } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-test-'));
  const onPostgres = Boolean(process.env.TEST_DATABASE_URL) && env.DATABASE_URL === undefined;
  const configFrom = (databaseUrl?: string) =>
    loadConfig({
      DATA_DIR: dataDir,
      PGLITE_DIR: 'memory://',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: TEST_KEEP_ALIVE_MS,
      // webhook tests turn delivery on: elsewhere its passes would add statements to what tests count
      WEBHOOK_DELIVERY: 'false',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...(env.NODE_ENV === 'production' ? { METRICS_TOKEN: TEST_METRICS_TOKEN } : {}),
      ...env,
    });
  // a fresh database is a copy of this run's migrated (or migrated and seeded) one, when the global setup made them
  const seeded = configFrom(onPostgres ? process.env.TEST_DATABASE_URL : undefined).seedDemoData;
  const postgres = onPostgres
    ? await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string, postgresTemplate(seeded) ?? undefined)
    : null;
  const config = configFrom(postgres?.url);
  const image = !config.databaseUrl && config.pgliteDir.startsWith('memory://') ? embeddedImage(seeded) : null;
  if (seeded && (image || (postgres && postgresTemplate(seeded)))) copySeedFiles(config.dataDir);
  const running = await startApp(config, options.log, {
    ...(image ? { embeddedImage: image } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
  });
  return serverAround(running, async () => {
    await running.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

/** A TestServer over an app already running (a restart on the same data, in crash tests). */
export function serverAround(running: RunningApp, close: () => Promise<void>): TestServer {
  const url = running.http.url;
  const gql: TestServer['gql'] = async (query, variables, token, headers) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<any>;
  };
  const tokens = new Map<string, string>();
  return {
    url,
    running,
    gql,
    signIn: async (username) => {
      const cached = tokens.get(username);
      if (cached) return cached;
      const result = await gql(SIGN_IN_DOCUMENT, { u: username, p: DEMO_PASSWORD });
      const token = result.data?.signIn?.token;
      if (!token) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(result)}`);
      tokens.set(username, token);
      return token;
    },
    close,
  };
}
