// Import records after kill -9: the real server (a child process) is killed with SIGKILL in the middle of a large
// 导入邀请 and of a large 企业登记信息导入; the app is started again on the same data and, before anyone waits,
// the record must be FAILED and count exactly what was committed (the invitations / enterprises in the
// database), with a reason naming those counts. Importing the same file again completes the rest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeUscc, usccCheckChar } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { graphql, startChildServer, uploadFile } from './child-server.ts';
import { databaseKind, freshPostgresDatabase, serverAround, type TestServer } from './harness.ts';
import { resultsPage, withAllResults } from './import-results.ts';
import { createDcu, GUANGDONG, type Party, uploadProof } from './invitation.fixtures.ts';
import { HEADERS, workbookFile } from './invitation-import.workbooks.ts';
import { registryWorkbookBytes } from './registry-workbook.ts';

const INVITATION_ROWS = 4000;
const REGISTRY_ROWS = 6000;
const TIANHE = '14401060000';
const RUN = String(process.pid % 10_000).padStart(4, '0');

const IMPORT_INVITATIONS =
  'mutation($f: Upload!, $p: [ID!]) { importUseUnitInvitations(input: {file: $f, proofMaterialIds: $p}) { __typename ... on ImportUseUnitInvitationsSuccess { importRecord { id } } ... on Error { code message } } }';
const INVITATION_RECORD = `query($id: ID!, $after: String) { node(id: $id) { ... on ImportRecord {
  status total succeeded failed failureReason ${resultsPage('row succeeded code invitationId')} } } }`;
const IMPORT_REGISTRY =
  'mutation($f: Upload!) { importRegistry(input: {file: $f}) { __typename ... on ImportRegistrySuccess { record { id } } ... on Error { code message } } }';
const REGISTRY_RECORD = `query($id: ID!, $after: String) { registryImport(id: $id) {
  status total succeeded failed created updated failureReason ${resultsPage('row succeeded outcome')} } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rawId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString();
  return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : globalId;
}

/** Polls `read` until `done` holds (or throws after the deadline). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)?.slice(0, 500)}`);
    await sleep(40);
  }
}

describe(`import records after kill -9 (${databaseKind()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-import-crash-'));
  let env: Record<string, string>;
  let dropDatabase: (() => Promise<void>) | null = null;
  let dcu: Party;
  let proof: string;
  let admin: string;

  async function restart(): Promise<TestServer> {
    const running = await startApp(loadConfig({ ...env, PORT: '0' }));
    return serverAround(running, () => running.close());
  }

  beforeAll(async () => {
    env = {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
    };
    if (process.env.TEST_DATABASE_URL) {
      const database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL);
      env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
    const server = await restart();
    try {
      dcu = await createDcu(server);
      proof = await uploadProof(server, dcu.token);
      admin = await server.signIn('platform.admin');
    } finally {
      await server.close();
    }
  }, 300_000);

  afterAll(async () => {
    await dropDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('导入邀请: the record counts the committed invitations, is FAILED at once after the restart, and a re-import completes it', async () => {
    const units = Array.from({ length: INVITATION_ROWS }, (_, index) => ({
      uscc: makeUscc(`9144010C${RUN}${String(index).padStart(5, '0')}`),
      name: `断电导入${RUN}-${index}有限公司`,
    }));
    const prep = await restart();
    try {
      await prep.running.app.db.enterprise.createMany({
        data: units.map((unit) => ({
          ...unit,
          competentAuthorityCode: TIANHE,
          creditRating: 'A',
          inPilot: true,
          priorYearRevenue: 1_000_000,
        })),
      });
    } finally {
      await prep.close();
    }
    const { bytes } = await workbookFile([
      HEADERS,
      ...units.map((unit) => [unit.uscc, unit.name, GUANGDONG, '02', '']),
    ]);

    const child = await startChildServer(env);
    let id: string;
    try {
      const answer = await uploadFile(child.url, dcu.token, IMPORT_INVITATIONS, bytes, 'crash.xlsx', { p: [proof] });
      id = answer.data?.importUseUnitInvitations?.importRecord?.id;
      expect(id, JSON.stringify(answer)).toBeTruthy();
      await until(
        async () => (await graphql(child.url, dcu.token, INVITATION_RECORD, { id })).data?.node,
        (record) => record?.succeeded >= 1000 && record.status === 'PROCESSING',
        'import did not reach 1,000 rows while running',
      );
      await sleep(Math.floor(Math.random() * 250));
    } finally {
      await child.kill();
    }

    const server = await restart();
    try {
      const db = server.running.app.db;
      const record = await withAllResults(
        async (after) => (await server.gql(INVITATION_RECORD, { id, after }, dcu.token)).data?.node,
      );
      const committed = await db.invitation.findMany({ where: { batchId: rawId(id) }, select: { id: true } });
      expect(committed.length).toBeGreaterThanOrEqual(1000);
      expect(committed.length).toBeLessThan(INVITATION_ROWS);
      // FAILED at once, counting exactly the committed rows, and saying so
      expect(record).toMatchObject({
        status: 'FAILED',
        total: INVITATION_ROWS,
        succeeded: committed.length,
        failed: 0,
      });
      expect(record.results.filter((row: any) => row.succeeded).length).toBe(committed.length);
      const invitedRows = record.results.filter((row: any) => row.succeeded);
      expect(new Set(invitedRows.map((row: any) => rawId(row.invitationId)))).toEqual(
        new Set(committed.map((invitation) => invitation.id)),
      );
      expect(record.failureReason).toContain('导入中断');
      expect(record.failureReason).toContain(`已处理 ${committed.length.toLocaleString('en')} 行`);
      expect(record.failureReason).toContain(`成功 ${committed.length.toLocaleString('en')} 行`);

      // the same file again: the rest is invited, the rows already invited are reported as duplicates
      const again = await uploadFile(server.url, dcu.token, IMPORT_INVITATIONS, bytes, 'crash.xlsx', { p: [proof] });
      const againId = again.data?.importUseUnitInvitations?.importRecord?.id;
      expect(againId, JSON.stringify(again)).toBeTruthy();
      const second = await until(
        async () => (await server.gql(INVITATION_RECORD, { id: againId }, dcu.token)).data?.node,
        (node) => node?.status !== 'PROCESSING',
        're-import did not finish',
        120_000,
      );
      expect(second).toMatchObject({
        status: 'DONE',
        succeeded: INVITATION_ROWS - committed.length,
        failed: committed.length,
      });
      const secondRows = await withAllResults(
        async (after) => (await server.gql(INVITATION_RECORD, { id: againId, after }, dcu.token)).data?.node,
      );
      expect(new Set(secondRows?.results.filter((row: any) => !row.succeeded).map((row: any) => row.code))).toEqual(
        new Set(['DUPLICATE']),
      );
      const live = await db.invitation.count({
        where: { dcuEnterpriseId: dcu.id, useUnitUscc: { in: units.map((unit) => unit.uscc) } },
      });
      expect(live).toBe(INVITATION_ROWS);
    } finally {
      await server.close();
    }
  }, 300_000);

  it('企业登记信息导入: the record counts the committed enterprises, is FAILED at once after the restart, and a re-import completes it', async () => {
    const usccs = Array.from({ length: REGISTRY_ROWS }, (_, index) => {
      const body = `9144010R${RUN}${String(index).padStart(5, '0')}`;
      return `${body}${usccCheckChar(body)}`;
    });
    const bytes = await registryWorkbookBytes(
      usccs.map((uscc, index) => [uscc, `登记导入${index}有限公司`, TIANHE, 'A', '是', '否', '否', 1000, 10, 1000]),
    );

    const child = await startChildServer(env);
    let id: string;
    try {
      const answer = await uploadFile(child.url, admin, IMPORT_REGISTRY, bytes, 'registry-crash.xlsx');
      id = answer.data?.importRegistry?.record?.id;
      expect(id, JSON.stringify(answer)).toBeTruthy();
      await until(
        async () => (await graphql(child.url, admin, REGISTRY_RECORD, { id })).data?.registryImport,
        (record) => record?.succeeded >= 1000 && record.status === 'PROCESSING',
        'import did not reach 1,000 rows while running',
      );
      await sleep(Math.floor(Math.random() * 250));
    } finally {
      await child.kill();
    }

    const server = await restart();
    try {
      const db = server.running.app.db;
      const record = await withAllResults(
        async (after) => (await server.gql(REGISTRY_RECORD, { id, after }, admin)).data?.registryImport,
      );
      const committed = await db.enterprise.count({ where: { uscc: { in: usccs } } });
      expect(committed).toBeGreaterThanOrEqual(1000);
      expect(committed).toBeLessThan(REGISTRY_ROWS);
      expect(record).toMatchObject({
        status: 'FAILED',
        total: REGISTRY_ROWS,
        succeeded: committed,
        created: committed,
        updated: 0,
        failed: 0,
      });
      expect(record.results.filter((row: any) => row.outcome === 'CREATED').length).toBe(committed);
      expect(record.failureReason).toContain('导入中断');
      expect(record.failureReason).toContain(`已处理 ${committed.toLocaleString('en')} 行`);

      const again = await uploadFile(server.url, admin, IMPORT_REGISTRY, bytes, 'registry-crash.xlsx');
      const againId = again.data?.importRegistry?.record?.id;
      expect(againId, JSON.stringify(again)).toBeTruthy();
      const second = await until(
        async () => (await server.gql(REGISTRY_RECORD, { id: againId }, admin)).data?.registryImport,
        (node) => node?.status !== 'PROCESSING',
        're-import did not finish',
        120_000,
      );
      expect(second).toMatchObject({
        status: 'DONE',
        succeeded: REGISTRY_ROWS,
        created: REGISTRY_ROWS - committed,
        updated: 0,
        failed: 0,
      });
      expect(await db.enterprise.count({ where: { uscc: { in: usccs } } })).toBe(REGISTRY_ROWS);
    } finally {
      await server.close();
    }
  }, 300_000);
});
