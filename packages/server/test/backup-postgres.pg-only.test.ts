// 数据备份恢复 for a PostgreSQL deployment (issue 22): `pnpm db:backup` takes the database with pg_dump (the
// connection passed as libpq's environment, never on the command line) and the DATA_DIR files in one file;
// `pnpm db:restore` puts both back with pg_restore in one transaction and verifies the audit chains.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import { freshPostgresDatabase, startTestServer } from './harness.ts';

describe('pnpm db:backup / db:restore on PostgreSQL', () => {
  const home = mkdtempSync(join(tmpdir(), 'leqi-pg-backup-'));
  const dataDir = join(home, 'data');
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
    rmSync(home, { recursive: true, force: true });
  });

  it('restores the database and files of the backup point; the audit chains verify', async () => {
    const database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string);
    drop = database.drop;
    const server = await startTestServer({ DATABASE_URL: database.url, DATA_DIR: dataDir });
    expect((await server.gql('{ viewer { username } }', {}, await server.signIn('yf.clerk'))).data?.viewer).toEqual({
      username: 'yf.clerk',
    });
    await server.close();
    const run = (command: 'backup' | 'restore') =>
      spawnSync(
        join(__dirname, '../../../node_modules/.bin/tsx'),
        ['src/platform/db/backup-cli.ts', command, 'leqi.backup'],
        {
          cwd: join(__dirname, '..'),
          env: { ...process.env, DATABASE_URL: database.url, INIT_CWD: home },
          encoding: 'utf8',
        },
      );
    writeFileSync(join(dataDir, 'file-url-secret'), 'secret-of-the-backup-point');
    const backup = run('backup');
    expect(backup.stdout + backup.stderr).toMatch(/backup written to .*leqi\.backup: postgres database \d+ bytes/);
    expect(backup.status).toBe(0);

    // after the backup: a registry entry renamed, the security log emptied, the secret replaced
    const db = await openDatabase({ databaseUrl: database.url, dataDir: join(dataDir, 'pglite') });
    const events = await db.db.auditEvent.count();
    const enterprise = await db.db.enterprise.findFirstOrThrow({ orderBy: { uscc: 'asc' } });
    await db.db.enterprise.update({ where: { id: enterprise.id }, data: { name: '备份之后改的名称' } });
    await db.db.auditEvent.deleteMany({ where: { caseKind: 'SECURITY' } });
    await db.close();
    writeFileSync(join(dataDir, 'file-url-secret'), 'a later secret');

    const restore = run('restore');
    expect(restore.stdout).toMatch(/audit chains intact: \d+ events/);
    expect(restore.status).toBe(0);
    const restored = await openDatabase({ databaseUrl: database.url, dataDir: join(dataDir, 'pglite') });
    expect((await restored.db.enterprise.findUniqueOrThrow({ where: { id: enterprise.id } })).name).toBe(
      enterprise.name,
    );
    expect(await restored.db.auditEvent.count()).toBe(events);
    await restored.close();
    expect(readdirSync(dataDir).some((name) => name.startsWith('file-url-secret.before-restore-'))).toBe(true);
    expect(existsSync(join(dataDir, 'file-url-secret'))).toBe(true);
    expect(backup.stdout + backup.stderr).not.toContain(new URL(database.url).password || 'no-password-in-url');
  }, 240_000);
});
