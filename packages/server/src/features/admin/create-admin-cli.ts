// `pnpm admin:create <username> [--name <显示名>]`: creates a platform admin (the first one of a production
// deployment). The password is read from standard input, never from the command line or the environment
// (both end up in shell histories, process listings and orchestrators' logs): typed twice, without echo, at a
// terminal, or the first line of a pipe (`pnpm admin:create ops.admin < /run/secrets/leqi-admin-password`).
// With the embedded database, stop the server first (PGlite is opened by one process at a time).
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { issueMessage, messageFor } from '@leqi/domain';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import type { AppServices } from '../../platform/context.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { applyMigrations } from '../../platform/db/migrate.ts';
import { InProcessEventBus } from '../../platform/events/bus.ts';
import { FileStore } from '../../platform/files/store.ts';
import { createAdminFromCommandLine } from './first-admin.ts';

const USAGE = 'usage: pnpm admin:create <username> [--name <显示名>]   (password on standard input)';

function parseArguments(argv: string[]): { username: string; displayName: string | null } | null {
  const rest = [...argv];
  let displayName: string | null = null;
  const nameAt = rest.indexOf('--name');
  if (nameAt >= 0) {
    displayName = rest[nameAt + 1] ?? null;
    if (displayName === null) return null;
    rest.splice(nameAt, 2);
  }
  return rest.length === 1 && rest[0] && !rest[0].startsWith('-') ? { username: rest[0], displayName } : null;
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return (await text(process.stdin)).split(/\r?\n/)[0] ?? '';
  const first = await promptHidden('新管理员密码 (new admin password): ');
  const second = await promptHidden('再次输入 (again): ');
  if (first !== second) throw new Error('两次输入的密码不一致 (the passwords differ)');
  return first;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const password = await readPassword();
  // the command serves nothing: only the database and data directory matter, not the serving checks of production
  // (METRICS_TOKEN and the like), so it runs with the deployment's environment as it is
  const config = loadConfig({ ...process.env, NODE_ENV: undefined });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir });
  try {
    await applyMigrations(database.adapterFactory);
    const app: AppServices = {
      db: database.db,
      prepared: database.prepared,
      bus: new InProcessEventBus(),
      files: new FileStore(join(config.dataDir, 'files'), config.fileUrlSecret),
      config,
    };
    const result = await createAdminFromCommandLine(app, { ...args, password });
    if (result.ok) {
      console.log(`已创建平台管理员 ${result.value.username} (platform admin ${result.value.username} created)`);
      return 0;
    }
    const details = (result.error.issues ?? []).map(
      (issue) => `  ${issue.field}: ${issueMessage(issue, 'zh-CN')} (${issueMessage(issue, 'en')})`,
    );
    console.error([`${messageFor(result.error, 'zh-CN')} (${messageFor(result.error, 'en')})`, ...details].join('\n'));
    return 1;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `admin:create failed: ${(error as Error).message}`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
}
