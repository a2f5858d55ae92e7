// 首个平台管理员: a production database has no demo accounts, so the operator creates the first platform admin
// (or another one, e.g. when every admin password is lost) with `pnpm admin:create <username>`. It is the same
// audited `createUserAccount` an admin performs in the product, under the same username and password rules;
// the audit trail names the command line and the operating-system user who ran it.
import { userInfo } from 'node:os';
import { domainError, err, type Result } from '@leqi/domain';
import type { User } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { DEMO_PASSWORD } from '../../seed/demo-data.ts';
import { addAccount } from './accounts.ts';

const DEFAULT_ADMIN_DISPLAY_NAME = '平台管理员';

function commandLineOperator(): Viewer {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // no passwd entry (some containers): the audit still says it came from the command line
  }
  return {
    userId: 'cli:admin-create',
    username: `cli:${osUser}`,
    displayName: `命令行 admin:create（${osUser}）`,
    actor: { role: 'ADMIN', userId: 'cli:admin-create' },
  };
}

export async function createAdminFromCommandLine(
  app: AppServices,
  input: { username: string; password: string; displayName?: string | null },
): Promise<Result<User>> {
  // the demo password is published in the README: an admin with it would be the hole this command closes
  if (input.password === DEMO_PASSWORD) {
    return err(domainError('VALIDATION_FAILED', {}, [{ field: 'password', code: 'INVALID_FORMAT' }]));
  }
  const created = await addAccount(
    app,
    commandLineOperator(),
    {
      username: input.username,
      password: input.password,
      displayName: input.displayName?.trim() || DEFAULT_ADMIN_DISPLAY_NAME,
      role: 'ADMIN',
    },
    { ownPassword: true },
  );
  return created.ok ? { ok: true, value: created.value.account } : created;
}
