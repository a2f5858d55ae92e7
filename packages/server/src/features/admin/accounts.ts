// 用户账号 (platform admin): enterprise users with their identity type, officers with their authority, admins;
// create, edit (with version), reset the password (a one-time temporary one, shown once, or a given one) and
// disable/enable. A disabled user cannot sign in and their sessions end at once. A password an admin sets or issues
// is known to someone other than its holder: it must be changed at the next sign-in (口令策略).
import { randomBytes } from 'node:crypto';
import {
  type AccountDraft,
  type AccountRole,
  accountIssues,
  breaksAdminAccess,
  domainError,
  type FieldIssue,
  type IdentityType,
  nextPasswordHistory,
  passwordIssue,
  type Result,
  usernameIssue,
  validateUscc,
} from '@leqi/domain';
import type { Prisma, User } from '../../generated/prisma/client.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { NEXT_VERSION } from '../../platform/db/versioned-write.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { unlockAccount } from '../auth/throttle.ts';
import { TWO_FACTOR_OFF } from '../auth/two-factor.ts';
import { securityActor, securityEventInput } from '../security-log/record.ts';
import { adminChange, adminPage, invalid, type KeysetRequest, requireAdmin, updateVersioned } from './common.ts';

interface AccountFields {
  displayName: string;
  role: AccountRole;
  identityType?: IdentityType | null;
  /** 统一社会信用代码 of an enterprise user's enterprise */
  enterpriseUscc?: string | null;
  authorityCode?: string | null;
}

export interface AccountWithPassword {
  account: User;
  /** the one-time temporary password, shown once; null when the admin set a password */
  temporaryPassword: string | null;
}

/** Letters and digits, never ambiguous to read aloud. */
function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  const body = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `Lq${body}9`;
}

/** The admin's password, or a temporary one to show once; how it was set is audited. */
async function issuePassword(given: string | null | undefined) {
  const password = given || temporaryPassword();
  const shown = given ? null : password;
  return { passwordHash: await hashPassword(password), temporaryPassword: shown, setBy: given ? 'ADMIN' : 'TEMPORARY' };
}

/** The password columns of a password set now; `temporary`: its holder must change it at the next sign-in. */
function passwordSetNow(passwordHash: string, temporary: boolean) {
  return { passwordHash, passwordChangedAt: new Date(), passwordTemporary: temporary };
}

type AccountRow = Pick<User, 'displayName' | 'role' | 'identityType' | 'enterpriseId' | 'authorityCode'>;

/** The account's row fields from the input, or every issue; the enterprise and authority must exist. */
async function accountData(tx: Tx, fields: AccountFields): Promise<AccountRow> {
  const isEnterprise = fields.role === 'ENTERPRISE';
  const enterpriseUscc = isEnterprise ? fields.enterpriseUscc?.trim() || null : null;
  const authorityCode = fields.role === 'OFFICER' ? fields.authorityCode?.trim() || null : null;
  const draft: AccountDraft = {
    role: fields.role,
    displayName: stripControlCharacters(fields.displayName).trim(),
    identityType: isEnterprise ? (fields.identityType ?? null) : null,
    enterpriseId: enterpriseUscc,
    authorityCode,
  };
  const issues = accountIssues(draft).map((issue) =>
    issue.field === 'enterpriseId' ? { ...issue, field: 'enterpriseUscc' } : issue,
  );
  let enterpriseId: string | null = null;
  if (enterpriseUscc) {
    const uscc = validateUscc(enterpriseUscc, 'enterpriseUscc');
    const enterprise = uscc.ok ? await tx.enterprise.findUnique({ where: { uscc: uscc.value } }) : null;
    if (!uscc.ok) issues.push(uscc.error);
    else if (!enterprise) issues.push({ field: 'enterpriseUscc', code: 'NOT_FOUND' });
    else enterpriseId = enterprise.id;
  }
  if (authorityCode && !(await tx.taxAuthority.findUnique({ where: { code: authorityCode } }))) {
    issues.push({ field: 'authorityCode', code: 'NOT_FOUND' });
  }
  if (issues.length > 0) throw new Refusal(domainError('VALIDATION_FAILED', {}, issues));
  return { ...draft, enterpriseId };
}

const auditView = (user: AccountRow): AccountRow => ({
  displayName: user.displayName,
  role: user.role,
  identityType: user.identityType,
  enterpriseId: user.enterpriseId,
  authorityCode: user.authorityCode,
});

function versionIssue(expectedVersion: number): FieldIssue | null {
  return Number.isInteger(expectedVersion) && expectedVersion >= 0
    ? null
    : { field: 'expectedVersion', code: 'OUT_OF_RANGE', params: { min: 0 } };
}

async function accountOf(tx: Tx, id: string): Promise<User> {
  const account = await tx.user.findUnique({ where: { id } });
  if (!account) throw new Refusal(domainError('NOT_FOUND'));
  return account;
}

async function guardAdminAccess(tx: Tx, viewer: Viewer, before: User, staysActiveAdmin: boolean): Promise<void> {
  const targetIsActiveAdmin = before.role === 'ADMIN' && !before.disabled;
  if (!targetIsActiveAdmin || staysActiveAdmin) return;
  const change = {
    viewerId: viewer.userId,
    targetId: before.id,
    targetIsActiveAdmin,
    staysActiveAdmin,
    activeAdminCount: await tx.user.count({ where: { role: 'ADMIN', disabled: false } }),
  };
  if (breaksAdminAccess(change)) throw new Refusal(domainError('ADMIN_SELF_PROTECTION'));
}

export function listAccounts(app: AppServices, viewer: Viewer, request: KeysetRequest & { role?: AccountRole | null }) {
  return adminPage(
    viewer,
    request,
    app.db.user,
    'username',
    (term): Prisma.UserWhereInput => ({
      ...(request.role ? { role: request.role } : {}),
      ...(term ? { OR: [{ username: { startsWith: term.toLowerCase() } }, { displayName: { contains: term } }] } : {}),
    }),
  );
}

type NewAccount = AccountFields & { username: string; password?: string | null };

export function createAccount(
  app: AppServices,
  viewer: Viewer,
  input: NewAccount,
): Promise<Result<AccountWithPassword>> {
  return addAccount(app, viewer, input, { ownPassword: false });
}

/**
 * `ownPassword`: the account's holder chose the password (the first admin, made on the command line by the
 * person who will hold it); otherwise it must be changed at the first sign-in.
 */
export async function addAccount(
  app: AppServices,
  viewer: Viewer,
  input: NewAccount,
  { ownPassword }: { ownPassword: boolean },
): Promise<Result<AccountWithPassword>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const username = input.username.trim().toLowerCase();
  const policy = app.config.passwordPolicy;
  const issues = [
    usernameIssue(username),
    input.password ? passwordIssue(input.password, policy, { username }) : null,
  ].filter((issue): issue is FieldIssue => issue !== null);
  if (issues.length > 0) return invalid(issues);
  const { passwordHash, temporaryPassword, setBy } = await issuePassword(input.password);
  return adminChange(app, viewer, async (tx, audit) => {
    const data = await accountData(tx, input);
    if (await tx.user.findUnique({ where: { username } })) {
      throw new Refusal(domainError('DUPLICATE', { entity: username }));
    }
    const account = await tx.user.create({
      data: { username, ...passwordSetNow(passwordHash, !ownPassword), ...data },
    });
    await audit({
      kind: 'ADMIN_USER',
      id: account.id,
      event: 'createUserAccount',
      payload: { username, after: auditView(account), passwordSetBy: setBy },
    });
    return { account, temporaryPassword };
  });
}

export async function updateAccount(
  app: AppServices,
  viewer: Viewer,
  input: AccountFields & { id: string; expectedVersion: number },
): Promise<Result<User>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const version = versionIssue(input.expectedVersion);
  if (version) return invalid([version]);
  return adminChange(app, viewer, async (tx, audit) => {
    // the input is judged first: a bad form is a bad form whichever account it names
    const data = await accountData(tx, input);
    const before = await accountOf(tx, input.id);
    await guardAdminAccess(tx, viewer, before, data.role === 'ADMIN');
    const account = await updateVersioned(tx.user, { id: before.id }, input.expectedVersion, data);
    await audit({
      kind: 'ADMIN_USER',
      id: account.id,
      event: 'updateUserAccount',
      payload: { username: account.username, before: auditView(before), after: auditView(account) },
    });
    return account;
  });
}

export async function resetPassword(
  app: AppServices,
  viewer: Viewer,
  input: { id: string; newPassword?: string | null },
): Promise<Result<AccountWithPassword>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const policy = app.config.passwordPolicy;
  if (input.newPassword) {
    // judged before it is hashed (outside the transaction), against the account's user name
    const target = await app.db.user.findUnique({ where: { id: input.id }, select: { username: true } });
    const issue = passwordIssue(input.newPassword, policy, { field: 'newPassword', username: target?.username });
    if (issue) return invalid([issue]);
  }
  const { passwordHash, temporaryPassword, setBy } = await issuePassword(input.newPassword);
  return adminChange(app, viewer, async (tx, audit) => {
    const before = await accountOf(tx, input.id);
    const account = await tx.user.update({
      where: { id: before.id },
      data: {
        ...passwordSetNow(passwordHash, true),
        passwordHistory: nextPasswordHistory(before.passwordHash, before.passwordHistory, policy),
        ...NEXT_VERSION,
      },
    });
    // whoever held the old password is signed out everywhere
    await tx.session.deleteMany({ where: { userId: before.id } });
    await audit({
      kind: 'ADMIN_USER',
      id: account.id,
      event: 'resetUserPassword',
      payload: { username: account.username, passwordSetBy: setBy },
    });
    return { account, temporaryPassword };
  });
}

/**
 * 重置双因素认证 (the user lost their device and recovery codes): their two factors are off and they are signed out;
 * where their role requires two factors they enrol again at the next sign-in. With the version read, as an edit.
 */
export async function resetTwoFactor(
  app: AppServices,
  viewer: Viewer,
  input: { id: string; expectedVersion: number },
): Promise<Result<User>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const version = versionIssue(input.expectedVersion);
  if (version) return invalid([version]);
  return adminChange(app, viewer, async (tx, audit) => {
    const before = await accountOf(tx, input.id);
    const account = await updateVersioned(tx.user, { id: before.id }, input.expectedVersion, TWO_FACTOR_OFF);
    await tx.session.deleteMany({ where: { userId: before.id } });
    await audit({
      kind: 'ADMIN_USER',
      id: account.id,
      event: 'resetUserTwoFactor',
      payload: { username: account.username, wasEnabled: before.totpEnabledAt !== null },
    });
    return account;
  });
}

/**
 * 解除锁定: the account's failed sign-ins are forgotten and its lock lifted at once (the lock of an address its
 * failures came from is not: that protects other accounts too). Recorded in the security log.
 */
export async function unlockSignIn(
  app: AppServices,
  viewer: Viewer,
  input: { id: string },
  clientAddress: string | null,
): Promise<Result<User>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  return inTransaction(app, async (tx, emit) => {
    const account = await accountOf(tx, input.id);
    const wasLocked = await unlockAccount(tx, account.username);
    const record = securityEventInput({
      event: 'signInUnlocked',
      username: account.username,
      outcome: 'SUCCESS',
      address: clientAddress,
      actor: securityActor(viewer),
      object: `${wasLocked ? '已锁定' : '未锁定'}的账号 ${account.username}`,
    });
    emit(await appendCaseEvent(tx, record));
    return account;
  });
}

export async function setDisabled(
  app: AppServices,
  viewer: Viewer,
  input: { id: string; disabled: boolean; expectedVersion: number },
): Promise<Result<User>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const version = versionIssue(input.expectedVersion);
  if (version) return invalid([version]);
  return adminChange(app, viewer, async (tx, audit) => {
    const before = await accountOf(tx, input.id);
    if (input.disabled) await guardAdminAccess(tx, viewer, before, false);
    const account = await updateVersioned(tx.user, { id: before.id }, input.expectedVersion, {
      disabled: input.disabled,
    });
    if (input.disabled) await tx.session.deleteMany({ where: { userId: before.id } });
    await audit({
      kind: 'ADMIN_USER',
      id: account.id,
      event: input.disabled ? 'disableUserAccount' : 'enableUserAccount',
      payload: { username: account.username },
    });
    return account;
  });
}
