// The physical limit of our stack for the bench: node:http + pg doing what a transition writes (the versioned
// UPDATE of the case, the audit INSERT, commit) and what the review queue reads, with prepared statements and
// no GraphQL, no session, no rate limiter. Our server's figures are compared to this one in the same run.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const UPDATE_CASE = `UPDATE "AccessApplication" SET version = version + 1, "updatedAt" = now()
  WHERE id = $1 AND version = $2 RETURNING version, "competentAuthorityCode", "provinceCode", "enterpriseId"`;
const INSERT_EVENT = `INSERT INTO "AuditEvent" ("caseKind", "caseId", event, "fromStatus", "toStatus", "actorUserId",
  "actorName", "actorRole", reason, payload, "enterpriseId", "authorityCode", "provinceCode", "createdAt", "prevHash", hash)
  VALUES ('ACCESS_APPLICATION', $1, 'saveDraft', 'DRAFT', 'DRAFT', NULL, 'bench', 'ENTERPRISE', NULL, '{}', $2, $3, $4, $5, NULL, $6)`;
const QUEUE_PAGE = `SELECT a.id, a.version, a.status, e.uscc, e.name FROM "AccessApplication" a
  JOIN "Enterprise" e ON e.id = a."enterpriseId" WHERE a.status = 'PENDING_ACCEPTANCE' AND a."competentAuthorityCode" = $1
  ORDER BY a."submittedAt", a.id LIMIT 20`;
const QUEUE_COUNT = `SELECT count(*)::int AS n FROM "AccessApplication" WHERE status = 'PENDING_ACCEPTANCE' AND "competentAuthorityCode" = $1`;

async function bodyOf(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

async function transition(pool: pg.Pool, id: string, expectedVersion: number): Promise<number | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const updated = await client.query({ name: 'update-case', text: UPDATE_CASE, values: [id, expectedVersion] });
    const row = updated.rows[0];
    if (!row) {
      await client.query('ROLLBACK');
      return null;
    }
    const createdAt = new Date();
    const hash = createHash('sha256').update(`${id}${row.version}${createdAt.toISOString()}`).digest('hex');
    await client.query({
      name: 'insert-event',
      text: INSERT_EVENT,
      values: [id, row.enterpriseId, row.competentAuthorityCode, row.provinceCode, createdAt, hash],
    });
    await client.query('COMMIT');
    return row.version as number;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function queue(pool: pg.Pool, authority: string) {
  const [page, count] = await Promise.all([
    pool.query({ name: 'queue-page', text: QUEUE_PAGE, values: [authority] }),
    pool.query({ name: 'queue-count', text: QUEUE_COUNT, values: [authority] }),
  ]);
  return { totalCount: count.rows[0].n as number, edges: page.rows.map((node) => ({ cursor: node.id, node })) };
}

/** POST /transition `{id, expectedVersion}` → `{version}` (409 on a stale version); GET /queue?authority=… */
export async function startPhysicalLimit(
  databaseUrl: string,
  connections = 10,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  const server: Server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const handle = async () => {
      if (request.method === 'POST' && request.url === '/transition') {
        const { id, expectedVersion } = JSON.parse(await bodyOf(request));
        const version = await transition(pool, id, expectedVersion);
        return version === null ? answer(409, { code: 'STALE_VERSION' }) : answer(200, { version });
      }
      const authority = new URL(request.url ?? '/', 'http://x').searchParams.get('authority') ?? '';
      return answer(200, { data: await queue(pool, authority) });
    };
    handle().catch((error: unknown) => answer(500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.close();
      await pool.end();
    },
  };
}
