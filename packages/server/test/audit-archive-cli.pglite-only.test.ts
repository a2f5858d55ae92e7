// `pnpm audit:archive` on an embedded data directory: moves the security events older than AUDIT_RETENTION_DAYS to
// DATA_DIR/audit-archive, then `--verify` accepts the file and refuses it once changed. Embedded only (the CLI opens
// PGLITE_DIR); the archiving itself runs on both databases in audit-archive.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { securityEventInput } from '../src/features/security-log/record.ts';
import { inTransaction } from '../src/platform/db/transaction.ts';
import { appendCaseEvent } from '../src/platform/events/audit.ts';
import { startTestServer } from './harness.ts';

describe('pnpm audit:archive', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-archive-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('archives what is older than the retention and verifies the file it wrote', async () => {
    const pgliteDir = join(dataDir, 'pglite');
    const server = await startTestServer({ PGLITE_DIR: pgliteDir });
    for (const daysAgo of [400, 365, 5]) {
      await inTransaction(server.running.app, async (tx, emit) => {
        const input = securityEventInput({
          event: 'signInFailed',
          username: 'cli.user',
          outcome: 'FAILURE',
          address: null,
        });
        emit(await appendCaseEvent(tx, { ...input, occurredAt: new Date(Date.now() - daysAgo * 86_400_000) }));
      });
    }
    await server.close();
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(join(__dirname, '../../../node_modules/.bin/tsx'), ['src/platform/events/archive-cli.ts', ...args], {
        cwd: join(__dirname, '..'),
        env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: '', INIT_CWD: dataDir, ...env },
        encoding: 'utf8',
      });
    expect(run([], { AUDIT_RETENTION_DAYS: '30' }).stderr).toMatch(/AUDIT_RETENTION_DAYS/);
    const archived = run([]);
    expect(archived.stdout).toMatch(/archived 2 security events of 1 users older than/);
    expect(archived.status).toBe(0);
    const [file] = readdirSync(join(dataDir, 'data', 'audit-archive'));
    expect(file).toMatch(/^security-.+\.jsonl$/);
    const verified = run(['--verify', file as string]);
    expect(verified.stdout).toContain('archive intact: 2 events');
    expect(verified.status).toBe(0);
    const path = join(dataDir, 'data', 'audit-archive', file as string);
    writeFileSync(path, readFileSync(path, 'utf8').replace('cli.user', 'cli.usex'));
    const altered = run(['--verify', file as string]);
    expect(altered.status).toBe(1);
    expect(altered.stderr).toContain('archive altered or unknown');
  }, 180_000);
});
