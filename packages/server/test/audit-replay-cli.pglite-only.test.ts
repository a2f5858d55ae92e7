// `pnpm audit:replay` on an embedded data directory: exit 0 on the seeded database, exit 1 naming the case whose
// status was changed behind the application's back. Embedded only (the CLI opens PGLITE_DIR); the replay itself runs
// on both databases in audit-replay.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import { startTestServer } from './harness.ts';

describe('pnpm audit:replay', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-replay-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 on a seeded database and 1 with the case named after a status is changed behind its back', async () => {
    const pgliteDir = join(dataDir, 'pglite');
    const seeded = await startTestServer({ PGLITE_DIR: pgliteDir });
    await seeded.close();
    const run = () =>
      spawnSync(join(__dirname, '../../../node_modules/.bin/tsx'), ['src/features/audit/replay-cli.ts'], {
        cwd: join(__dirname, '..'),
        env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: '', INIT_CWD: dataDir },
        encoding: 'utf8',
      });
    const clean = run();
    expect(clean.stdout + clean.stderr).toMatch(/audit replay consistent: \d+ cases/);
    expect(clean.status).toBe(0);

    const reopened = await openDatabase({ dataDir: pgliteDir });
    const target = await reopened.db.invitation.findFirstOrThrow({ where: { status: 'PENDING_RESPONSE' } });
    await reopened.db.invitation.update({ where: { id: target.id }, data: { status: 'CONFIRMED' } });
    await reopened.close();
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(
      `INVITATION ${target.id}: STATUS_MISMATCH (stored CONFIRMED, replayed PENDING_RESPONSE`,
    );
  }, 180_000);
});
