import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, URL as NodeURL } from 'node:url';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { collectDocuments, manifestOf } from '../../scripts/persisted-operations.ts';
import { MY_APPLICATIONS_QUERY } from '../features/access-application/api.ts';
import { DEMO_USERS_QUERY } from '../features/auth/api.ts';
import { server } from '../test/server.ts';
import { createAppClient } from './client.ts';

const SRC = fileURLToPath(new NodeURL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('trusted documents (persisted operations)', () => {
  it('the build manifest holds every named operation written in a graphql() document of the app', async () => {
    const manifest = manifestOf(await collectDocuments());
    const inManifest = new Set(
      Object.values(manifest).map((text) => text.match(/\b(?:query|mutation|subscription)\s+(\w+)/)?.[1]),
    );
    const written = sources(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:gql`|graphql\(\s*`)\s*(?:query|mutation|subscription)\s+(\w+)/g)].map(
        (match) => `${match[1]} (${file.slice(SRC.length)})`,
      ),
    );
    expect(written.length).toBeGreaterThan(30);
    // an operation missing here is not exported from a .ts module: the production server would refuse it
    expect(written.filter((name) => !inManifest.has(name.split(' ')[0]))).toEqual([]);
  });

  it('in production the client sends the hash alone, and it is one of the manifest', async () => {
    const manifest = manifestOf(await collectDocuments());
    const bodies: Record<string, any>[] = [];
    server.use(
      http.post('*/graphql', async ({ request }) => {
        bodies.push((await request.json()) as Record<string, any>);
        return HttpResponse.json({ data: { demoUsers: [] } });
      }),
    );
    const { client, dispose } = createAppClient(null, 'zh', {
      persistedOperations: true,
      forwardSubscription: () => ({ subscribe: () => ({ unsubscribe: () => undefined }) }),
    });
    const result = await client.query(DEMO_USERS_QUERY, {}).toPromise();
    dispose();
    expect(result.data).toEqual({ demoUsers: [] });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.query).toBeUndefined();
    const hash = bodies[0]?.extensions?.persistedQuery?.sha256Hash as string;
    expect(manifest[hash]).toContain('query DemoUsers');
  });

  it('a document with fragments, fetched again from the network, still goes by its manifest hash alone', async () => {
    const manifest = manifestOf(await collectDocuments());
    const bodies: Record<string, any>[] = [];
    server.use(
      http.post('*/graphql', async ({ request }) => {
        bodies.push((await request.json()) as Record<string, any>);
        return HttpResponse.json({ data: { viewer: null } });
      }),
    );
    const { client, dispose } = createAppClient('lq_token', 'zh', {
      persistedOperations: true,
      forwardSubscription: () => ({ subscribe: () => ({ unsubscribe: () => undefined }) }),
    });
    await client.query(MY_APPLICATIONS_QUERY, {}).toPromise();
    await client.query(MY_APPLICATIONS_QUERY, {}, { requestPolicy: 'network-only' }).toPromise();
    dispose();
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      expect(body.query).toBeUndefined();
      expect(manifest[body.extensions?.persistedQuery?.sha256Hash]).toContain('fragment');
    }
  });
});
