// Backup and restore of the embedded deployment: seed → change → backup → change more → restore → the state is the
// backup point's (database, material files), and the audit chains verify.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupEmbedded, restoreEmbedded } from '../src/platform/db/backup.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { caseIn } from './fixtures.ts';
import { startTestServer, type TestServer } from './harness.ts';

describe('backup and restore of the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-backup-'));
  const layout = { dataDir, pgliteDir: join(dataDir, 'pglite') };
  const file = join(tmpdir(), `leqi-backup-${process.pid}.bak`);
  let server: TestServer | null = null;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(file, { force: true });
  });

  const start = () => startTestServer({ DATA_DIR: dataDir, PGLITE_DIR: layout.pgliteDir, DATABASE_URL: '' });

  async function state(running: TestServer) {
    const db = running.running.app.db;
    return {
      events: await db.auditEvent.count(),
      lastEvent: (await db.auditEvent.findFirst({ orderBy: { id: 'desc' } }))?.hash,
      applications: await db.accessApplication.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }),
      materials: (await db.material.findMany({ select: { sha256: true }, orderBy: { sha256: 'asc' } })).map(
        (m) => m.sha256,
      ),
    };
  }

  it('restores the database and files of the backup point; the audit chains verify', async () => {
    server = await start();
    await caseIn(server, 'DRAFT');
    const atBackup = await state(server);
    expect(atBackup.materials.length).toBeGreaterThan(0);
    await server.close();
    server = null;

    const header = await backupEmbedded(layout, file);
    expect(header.files.some((entry) => entry.path === 'file-url-secret')).toBe(true);

    server = await start();
    await caseIn(server, 'PENDING_ACCEPTANCE');
    writeFileSync(join(dataDir, 'files', 'later.txt'), 'written after the backup');
    const later = await state(server);
    expect(later.events).toBeGreaterThan(atBackup.events);
    await server.close();
    server = null;

    await restoreEmbedded(layout, file);
    server = await start();
    expect(await state(server)).toEqual(atBackup);
    for (const sha256 of atBackup.materials) expect(existsSync(server.running.app.files.pathOf(sha256))).toBe(true);
    expect(existsSync(join(dataDir, 'files', 'later.txt'))).toBe(false);
    const report = await verifyAuditChains(server.running.app.db);
    expect(report.intact).toBe(true);
    expect(report.checkedEvents).toBe(atBackup.events);
    // the replaced data is kept aside, not deleted
    expect(readdirSync(dataDir).filter((name) => name.includes('.before-restore-')).length).toBe(3);
  }, 300_000); // three cold starts of an on-disk embedded database

  it('refuses a file that is not a backup, or a truncated one', async () => {
    const bogus = join(dataDir, 'bogus.bak');
    writeFileSync(bogus, 'hello');
    await expect(restoreEmbedded(layout, bogus)).rejects.toThrow(/not a backup/);
    writeFileSync(bogus, 'LEQI-BACKUP-1\n{"createdAt":"x","database":100,"files":[]}\nshort');
    await expect(restoreEmbedded(layout, bogus)).rejects.toThrow(/truncated/);
  });
});
