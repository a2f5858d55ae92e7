// Backup and restore of a deployment in one file: the database — the PGlite data directory (PGlite's own tarball)
// or a PostgreSQL database (pg_dump's custom format, restored with pg_restore) — the material files and the
// file-link secret.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const MAGIC = 'LEQI-BACKUP-1\n';

interface BackupLayout {
  /** the embedded database's directory (DATA_DIR/pglite) */
  pgliteDir: string;
  /** DATA_DIR: holds files/ and file-url-secret */
  dataDir: string;
}

interface BackupHeader {
  /** absent in backups written before PostgreSQL was supported: those are embedded */
  kind?: 'pglite' | 'postgres';
  createdAt: string;
  database: number;
  files: { path: string; size: number }[];
}

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() && !entry.name.endsWith('.tmp') ? [path] : [];
  });
}

/** The files kept beside the database: materials and the secret of download links. */
function sideFiles(dataDir: string): string[] {
  const secret = join(dataDir, 'file-url-secret');
  return [...filesUnder(join(dataDir, 'files')), ...(existsSync(secret) ? [secret] : [])];
}

/** Writes the stopped embedded deployment to `file`. Returns what it holds. */
export async function backupEmbedded(layout: BackupLayout, file: string): Promise<BackupHeader> {
  if (!existsSync(layout.pgliteDir)) throw new Error(`no embedded database at ${layout.pgliteDir}`);
  const pglite = await PGlite.create(layout.pgliteDir);
  const dump = new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
  await pglite.close();
  return writeBackup(file, 'pglite', dump, layout.dataDir);
}

/** The database's bytes, the side files of `dataDir`, and a header saying which is which, written atomically. */
function writeBackup(file: string, kind: BackupHeader['kind'], dump: Uint8Array, dataDir: string): BackupHeader {
  const files = sideFiles(dataDir).map((path) => ({ path, bytes: readFileSync(path) }));
  const header: BackupHeader = {
    kind,
    createdAt: new Date().toISOString(),
    database: dump.byteLength,
    files: files.map(({ path, bytes }) => ({
      path: relative(dataDir, path).split(sep).join('/'),
      size: bytes.byteLength,
    })),
  };
  const headerBytes = Buffer.from(`${JSON.stringify(header)}\n`);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, Buffer.concat([Buffer.from(MAGIC), headerBytes, dump, ...files.map(({ bytes }) => bytes)]));
  renameSync(temporary, file);
  return header;
}

function readBackup(file: string): { header: BackupHeader; body: Buffer } {
  const all = readFileSync(file);
  if (all.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error(`${file} is not a backup of this product`);
  const headerEnd = all.indexOf(0x0a, MAGIC.length);
  const header = JSON.parse(all.subarray(MAGIC.length, headerEnd).toString()) as BackupHeader;
  const body = all.subarray(headerEnd + 1);
  const expected = header.database + header.files.reduce((sum, entry) => sum + entry.size, 0);
  if (body.byteLength !== expected) throw new Error(`${file} is truncated (${body.byteLength} of ${expected} bytes)`);
  for (const entry of header.files) {
    if (entry.path.startsWith('/') || entry.path.split('/').includes('..'))
      throw new Error(`unsafe path ${entry.path}`);
  }
  return { header, body };
}

/**
 * Replaces the stopped embedded deployment by the backup: the current database and files are moved aside
 * (`*.before-restore-<time>`), never deleted. Returns the header of the restored backup.
 */
export async function restoreEmbedded(layout: BackupLayout, file: string): Promise<BackupHeader> {
  const { header, body } = readBackup(file);
  if ((header.kind ?? 'pglite') !== 'pglite') throw new Error(`${file} is a backup of a PostgreSQL deployment`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (existsSync(layout.pgliteDir)) renameSync(layout.pgliteDir, `${layout.pgliteDir}.before-restore-${stamp}`);
  mkdirSync(layout.pgliteDir, { recursive: true });
  const dump = new Blob([new Uint8Array(body.subarray(0, header.database))]);
  const pglite = await PGlite.create(layout.pgliteDir, { loadDataDir: dump });
  await pglite.query('SELECT 1');
  await pglite.close();
  restoreSideFiles(layout.dataDir, header, body, stamp);
  return header;
}

/** The material files and the secret of the backup, the current ones moved aside (`*.before-restore-<time>`). */
function restoreSideFiles(dataDir: string, header: BackupHeader, body: Buffer, stamp: string): void {
  for (const path of [join(dataDir, 'files'), join(dataDir, 'file-url-secret')]) {
    if (existsSync(path)) renameSync(path, `${path}.before-restore-${stamp}`);
  }
  let offset = header.database;
  for (const entry of header.files) {
    const target = join(dataDir, ...entry.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body.subarray(offset, offset + entry.size), {
      mode: entry.path === 'file-url-secret' ? 0o600 : 0o644,
    });
    offset += entry.size;
  }
}

/**
 * The connection as libpq's environment (PGHOST, PGPASSWORD, …) rather than a command-line argument, where the
 * password would show in the process list.
 */
function pgEnvironment(databaseUrl: string): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  const value = (text: string) => decodeURIComponent(text);
  return {
    ...process.env,
    PGHOST: value(url.hostname) || 'localhost',
    PGPORT: url.port || '5432',
    PGDATABASE: value(url.pathname.slice(1)),
    ...(url.username ? { PGUSER: value(url.username) } : {}),
    ...(url.password ? { PGPASSWORD: value(url.password) } : {}),
    ...(url.searchParams.get('sslmode') ? { PGSSLMODE: url.searchParams.get('sslmode') as string } : {}),
  };
}

/** Runs a PostgreSQL client program (pg_dump, pg_restore) on `databaseUrl`; its error output when it fails. */
function runPgTool(program: string, args: string[], databaseUrl: string): Buffer {
  const result = spawnSync(program, args, { maxBuffer: 4 * 1024 ** 3, env: pgEnvironment(databaseUrl) });
  if (result.error)
    throw new Error(`${program} could not run (is the PostgreSQL client installed?): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr.toString().trim()}`);
  return result.stdout;
}

/** A PostgreSQL deployment (`databaseUrl`) with its DATA_DIR files: pg_dump's custom format, without owners. */
export function backupPostgres(databaseUrl: string, dataDir: string, file: string): BackupHeader {
  const dump = runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges'], databaseUrl);
  return writeBackup(file, 'postgres', dump, dataDir);
}

/**
 * Replaces the PostgreSQL database's contents by the backup's in one transaction (pg_restore --clean), with the
 * servers stopped; the DATA_DIR files are restored beside it, the current ones moved aside.
 */
export function restorePostgres(databaseUrl: string, dataDir: string, file: string): BackupHeader {
  const { header, body } = readBackup(file);
  if (header.kind !== 'postgres') throw new Error(`${file} is a backup of an embedded deployment`);
  const dumpFile = join(tmpdir(), `leqi-restore-${randomBytes(6).toString('hex')}.pgdump`);
  writeFileSync(dumpFile, body.subarray(0, header.database), { mode: 0o600 });
  try {
    runPgTool(
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--no-privileges',
        '--single-transaction',
        `--dbname=${new URL(databaseUrl).pathname.slice(1)}`,
        dumpFile,
      ],
      databaseUrl,
    );
  } finally {
    rmSync(dumpFile, { force: true });
  }
  restoreSideFiles(dataDir, header, body, new Date().toISOString().replace(/[:.]/g, '-'));
  return header;
}
