// The embedded database's buffer cache: 32MB unless PGLITE_SHARED_BUFFERS says otherwise (PostgreSQL's 128MB default
// was most of an idle embedded server's memory; `pnpm bench:idle` measures it).
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

describe('the embedded database’s memory', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  const sharedBuffers = async (env: Record<string, string>) => {
    server = await startTestServer(env);
    const [row] = await server.running.app.db.$queryRaw<
      { size: string }[]
    >`SELECT current_setting('shared_buffers') AS size`;
    await server.close();
    server = undefined;
    return row?.size;
  };

  it('runs with a 32MB buffer cache by default, and the size PGLITE_SHARED_BUFFERS names', async () => {
    expect(await sharedBuffers({})).toBe('32MB');
    expect(await sharedBuffers({ PGLITE_SHARED_BUFFERS: '16MB' })).toBe('16MB');
  });
});
