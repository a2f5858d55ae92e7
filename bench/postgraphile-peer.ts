// The off-the-shelf peer of our queue page for bench/http.ts: PostGraphile 4 serving the same tables of the same
// database (introspected, no plugins, queries only), asked for the same 20 rows with totalCount. A dev dependency of
// the bench alone; the product never loads it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { postgraphile } from 'postgraphile';

/** The peer's equivalent of our reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 20) for 天河. */
export function peerQueueQuery(authorityCode: string): string {
  return `query Queue { allAccessApplications(first: 20, orderBy: [STEP_ENTERED_AT_ASC, ID_ASC],
    condition: { status: "PENDING_ACCEPTANCE", competentAuthorityCode: "${authorityCode}" }) { totalCount
    edges { cursor node { id version status enterpriseByEnterpriseId { uscc name } } } } }`;
}

export async function startPostGraphilePeer(
  databaseUrl: string,
  connections = 10,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  const handler = postgraphile(pool, 'public', {
    disableDefaultMutations: true,
    graphiql: false,
    watchPg: false,
    retryOnInitFail: false,
    ignoreRBAC: true,
    disableQueryLog: true,
    setofFunctionsContainNulls: false,
  });
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handler.release();
      await pool.end();
    },
  };
}
