// INSTANCE_ID and IMPORT_LEASE_SECONDS: an instance keeps its id across restarts (it recognises its own orphaned
// imports by it), two data directories give two ids, and bad values stop the start with a message naming them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/platform/config.ts';

describe('instance identity and import leases (configuration)', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'leqi-instance-')), mkdtempSync(join(tmpdir(), 'leqi-instance-'))];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const base = (dir: string) => ({ DATA_DIR: dir, FILE_URL_SECRET: 'x' });

  it('keeps a generated id in DATA_DIR, one per directory, unless INSTANCE_ID is given', () => {
    const first = loadConfig(base(dirs[0] as string)).instanceId;
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(loadConfig(base(dirs[0] as string)).instanceId).toBe(first);
    expect(loadConfig(base(dirs[1] as string)).instanceId).not.toBe(first);
    expect(loadConfig({ ...base(dirs[0] as string), INSTANCE_ID: 'node-a.1' }).instanceId).toBe('node-a.1');
  });

  it('refuses an INSTANCE_ID that is not 1–64 letters, digits, dots, underscores or hyphens', () => {
    for (const bad of ['a/b', 'a b', 'x'.repeat(65), '节点']) {
      expect(() => loadConfig({ ...base(dirs[0] as string), INSTANCE_ID: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ...base(dirs[0] as string), INSTANCE_ID: 'a/b' })).toThrow(/INSTANCE_ID must be/);
  });

  it('IMPORT_LEASE_SECONDS defaults to 30 and stays within 2–3600', () => {
    expect(loadConfig(base(dirs[0] as string)).importLeaseSeconds).toBe(30);
    expect(loadConfig({ ...base(dirs[0] as string), IMPORT_LEASE_SECONDS: '5' }).importLeaseSeconds).toBe(5);
    for (const bad of ['1', '3601', 'abc', '2.5']) {
      expect(() => loadConfig({ ...base(dirs[0] as string), IMPORT_LEASE_SECONDS: bad })).toThrow(
        /IMPORT_LEASE_SECONDS/,
      );
    }
  });
});
