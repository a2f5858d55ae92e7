// Backup and restore of the embedded deployment: the PGlite data directory (PGlite's own tarball), the material
// files and the file-link secret, in one file. For PostgreSQL use pg_dump / pg_restore and copy DATA_DIR/files.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
  const files = sideFiles(layout.dataDir).map((path) => ({ path, bytes: readFileSync(path) }));
  const header: BackupHeader = {
    createdAt: new Date().toISOString(),
    database: dump.byteLength,
    files: files.map(({ path, bytes }) => ({
      path: relative(layout.dataDir, path).split(sep).join('/'),
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
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const path of [layout.pgliteDir, join(layout.dataDir, 'files'), join(layout.dataDir, 'file-url-secret')]) {
    if (existsSync(path)) renameSync(path, `${path}.before-restore-${stamp}`);
  }
  mkdirSync(layout.pgliteDir, { recursive: true });
  const dump = new Blob([new Uint8Array(body.subarray(0, header.database))]);
  const pglite = await PGlite.create(layout.pgliteDir, { loadDataDir: dump });
  await pglite.query('SELECT 1');
  await pglite.close();
  let offset = header.database;
  for (const entry of header.files) {
    const target = join(layout.dataDir, ...entry.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body.subarray(offset, offset + entry.size), {
      mode: entry.path === 'file-url-secret' ? 0o600 : 0o644,
    });
    offset += entry.size;
  }
  return header;
}
