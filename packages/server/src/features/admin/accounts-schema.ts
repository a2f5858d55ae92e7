// GraphQL of 用户账号 (platform admin).
import { ACCOUNT_ROLES, type Label, ROLE_LABELS } from '@leqi/domain';
import type { User } from '../../generated/prisma/client.ts';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { bilingual, describedEnum } from '../../platform/described-enum.ts';
import { IdentityTypeEnum } from '../auth/schema.ts';
import { accountLockedUntil } from '../auth/throttle.ts';
import { EnterpriseRef, TaxAuthorityRef } from '../enterprise/schema.ts';
import {
  type AccountWithPassword,
  createAccount,
  listAccounts,
  resetPassword,
  resetTwoFactor,
  setDisabled,
  unlockSignIn,
  updateAccount,
} from './accounts.ts';
import { adminListResolver } from './common.ts';
import { adminMutation } from './payloads.ts';

const AccountRoleEnum = describedEnum('AccountRole', {
  description: {
    zh: '用户类型：企业用户（企业经办人）、税务人员或平台管理员',
    en: 'Kind of user account: enterprise operator, tax officer or platform administrator',
  },
  values: ACCOUNT_ROLES,
  label: (role) => ROLE_LABELS[role],
});

const UserAccountRef = builder.node(builder.objectRef<User>('UserAccount'), {
  description:
    '用户账号（平台管理员所见，不含密码）\n\nA user account as the platform admin sees it (never the password)',
  id: { resolve: (user) => user.id },
  // accounts are the platform admin's to see: `node(id)` answers null to anyone else
  loadOne: (id, context) =>
    context.viewer?.actor.role === 'ADMIN' ? context.app.db.user.findUnique({ where: { id } }) : null,
  fields: (t) => ({
    username: t.exposeString('username', {
      description: '用户名（登录名，小写）\n\nThe user name signed in with (lower case)',
    }),
    displayName: t.exposeString('displayName', { description: '姓名\n\nThe user’s name' }),
    role: t.field({
      type: AccountRoleEnum,
      description: '用户类型\n\nKind of account',
      resolve: (user) => user.role,
    }),
    identityType: t.field({
      type: IdentityTypeEnum,
      nullable: true,
      description:
        '企业用户的身份类型；税务人员与平台管理员为 null\n\nIdentity type of an enterprise user; null for officers and admins',
      resolve: (user) => user.identityType,
    }),
    enterprise: t.field({
      type: EnterpriseRef,
      nullable: true,
      description: '企业用户所属企业；其他用户类型为 null\n\nAn enterprise user’s enterprise; null for other kinds',
      resolve: (user, _args, context) =>
        user.enterpriseId ? context.app.db.enterprise.findUnique({ where: { id: user.enterpriseId } }) : null,
    }),
    authority: t.field({
      type: TaxAuthorityRef,
      nullable: true,
      description: '税务人员所属税务机关；其他用户类型为 null\n\nAn officer’s tax authority; null for other kinds',
      resolve: (user, _args, context) =>
        user.authorityCode ? context.app.db.taxAuthority.findUnique({ where: { code: user.authorityCode } }) : null,
    }),
    disabled: t.exposeBoolean('disabled', {
      description: '是否已停用：停用的账号无法登录\n\nWhether the account is disabled: a disabled user cannot sign in',
    }),
    twoFactorEnabled: t.boolean({
      description:
        '是否已设置双因素认证（密码加动态验证码）\n\nWhether the user set up two-factor authentication (password and code)',
      resolve: (user) => user.totpEnabledAt !== null,
    }),
    signInLockedUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        '登录失败次数过多而被锁定时，锁定的结束时间；未锁定时为 null（可用 unlockUserSignIn 提前解除）\n\n' +
        'Until when sign-ins are refused after too many failures; null when not locked (unlockUserSignIn lifts it)',
      resolve: (user, _args, context) => accountLockedUntil(context.app, user.username),
    }),
    version: t.exposeInt('version', {
      description:
        '版本号，每次修改加一；修改、停用或启用时作为 expectedVersion 传回\n\n' +
        'Version, raised by every change; pass it back as expectedVersion to edit, disable or enable the account',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间\n\nWhen the account was created' }),
  }),
});

const AccountCredentialsRef = builder.objectRef<AccountWithPassword>('AccountCredentials').implement({
  description: '账号及系统生成的临时密码（如有）\n\nAn account and the temporary password issued for it, if any',
  fields: (t) => ({
    account: t.field({ type: UserAccountRef, description: '账号\n\nThe account', resolve: (value) => value.account }),
    temporaryPassword: t.exposeString('temporaryPassword', {
      nullable: true,
      description:
        '系统生成的一次性临时密码，只在本次结果中返回（服务器只保存其哈希），请转交用户；管理员自行设置了密码时为 null\n\n' +
        'A one-time temporary password, returned only in this response (the server keeps only its hash) to hand to ' +
        'the user; null when the admin set the password',
    }),
  }),
});

const UserAccountConnection = countedConnection(UserAccountRef, 'UserAccountConnection', 'UserAccountEdge', {
  zh: '用户账号',
  en: 'user accounts',
});

builder.queryField('userAccounts', (t) =>
  t.field({
    type: UserAccountConnection,
    description:
      '用户账号列表，按用户名排序，可按用户名前缀或姓名搜索、按用户类型筛选；仅平台管理员可查询\n\n' +
      'User accounts by user name, searched by user name prefix or name, filtered by kind; platform admin only',
    authScopes: { admin: true },
    args: {
      ...forwardPageArgs(t.arg),
      search: t.arg.string({
        required: false,
        description:
          '按用户名前缀（不区分大小写）或姓名中的文字搜索，只取前 100 个字符；省略时列出全部\n\n' +
          'Matches a user name prefix (any case) or part of the name; its first 100 characters count; omit for all',
      }),
      role: t.arg({
        type: AccountRoleEnum,
        required: false,
        description: '只列出此用户类型的账号；省略时不限\n\nOnly accounts of this kind; omit for every kind',
      }),
    },
    resolve: adminListResolver(listAccounts, (row) => row.username),
  }),
);

/** The fields an account is created and edited with. */
const accountInputFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  displayName: t.string({ description: '姓名，1–50 个字符\n\nThe user’s name, 1–50 characters' }),
  role: t.field({ type: AccountRoleEnum, description: '用户类型\n\nKind of account' }),
  identityType: t.field({
    type: IdentityTypeEnum,
    required: false,
    description:
      '身份类型：企业用户必填，其他用户类型忽略此项\n\nIdentity type: required for an enterprise user, ignored for other kinds',
  }),
  enterpriseUscc: t.string({
    required: false,
    description:
      '所属企业的统一社会信用代码：企业用户必填，须为已登记的企业；其他用户类型忽略此项\n\n' +
      'USCC of the enterprise user’s enterprise, which must be in the registry: required for an enterprise user, ' +
      'ignored for other kinds',
  }),
  authorityCode: t.string({
    required: false,
    description:
      '所属税务机关的 11 位代码：税务人员必填，须为已维护的税务机关；其他用户类型忽略此项\n\n' +
      'The 11-digit code of the officer’s tax authority, which must exist: required for an officer, ignored for ' +
      'other kinds',
  }),
});

const PASSWORD_RULE = {
  zh: '8–64 个字符，须同时含字母和数字；省略时生成一次性临时密码，只在结果中返回一次',
  en: '8–64 characters with letters and digits; omit to issue a one-time temporary password, returned once in the result',
};

const CreateUserAccountInput = builder.inputType('CreateUserAccountInput', {
  description: '新增用户账号的内容\n\nA new user account',
  fields: (t) => ({
    username: t.string({
      description:
        '用户名：3–40 个字符，小写字母、数字及 . _ -，以字母或数字开头（大写字母转为小写）；不得与已有用户名重复\n\n' +
        'User name: 3–40 lower-case letters, digits, . _ -, starting with a letter or digit (upper case is ' +
        'lowered); unique (DUPLICATE otherwise)',
    }),
    ...accountInputFields(t),
    password: t.string({
      required: false,
      description: `初始密码：${PASSWORD_RULE.zh}\n\nInitial password: ${PASSWORD_RULE.en}`,
    }),
  }),
});

const ACCOUNT_ID = { zh: '账号 ID（UserAccount.id）', en: 'The account’s ID (UserAccount.id)' };
const EXPECTED_VERSION = {
  zh: '读取到的版本号（UserAccount.version）；账号已被他人修改时得到 StaleVersionError',
  en: 'The version read (UserAccount.version); StaleVersionError when the account was changed meanwhile',
};

const UpdateUserAccountInput = builder.inputType('UpdateUserAccountInput', {
  description:
    '修改用户账号的内容（用户名与密码不在此修改）\n\nThe edited fields of a user account (not its user name or password)',
  fields: (t) => ({
    id: t.globalID({ for: UserAccountRef, description: bilingual(ACCOUNT_ID) }),
    expectedVersion: t.int({ description: bilingual(EXPECTED_VERSION) }),
    ...accountInputFields(t),
  }),
});

const ResetUserPasswordInput = builder.inputType('ResetUserPasswordInput', {
  description: '重置密码的账号与新密码\n\nThe account whose password is reset, and the new password',
  fields: (t) => ({
    id: t.globalID({ for: UserAccountRef, description: bilingual(ACCOUNT_ID) }),
    newPassword: t.string({
      required: false,
      description: `新密码：${PASSWORD_RULE.zh}\n\nNew password: ${PASSWORD_RULE.en}`,
    }),
  }),
});

const ResetUserTwoFactorInput = builder.inputType('ResetUserTwoFactorInput', {
  description: '重置双因素认证的账号\n\nThe account whose two-factor authentication is reset',
  fields: (t) => ({
    id: t.globalID({ for: UserAccountRef, description: bilingual(ACCOUNT_ID) }),
    expectedVersion: t.int({ description: bilingual(EXPECTED_VERSION) }),
  }),
});

const UnlockUserSignInInput = builder.inputType('UnlockUserSignInInput', {
  description: '解除登录锁定的账号\n\nThe account whose sign-in lock is lifted',
  fields: (t) => ({
    id: t.globalID({ for: UserAccountRef, description: bilingual(ACCOUNT_ID) }),
  }),
});

const SetUserAccountDisabledInput = builder.inputType('SetUserAccountDisabledInput', {
  description: '停用或启用的账号\n\nThe account to disable or enable',
  fields: (t) => ({
    id: t.globalID({ for: UserAccountRef, description: bilingual(ACCOUNT_ID) }),
    disabled: t.boolean({ description: 'true 停用，false 启用\n\ntrue to disable, false to enable' }),
    expectedVersion: t.int({ description: bilingual(EXPECTED_VERSION) }),
  }),
});

const credentials = (name: string, description: Label) =>
  ({ name, field: 'credentials', type: AccountCredentialsRef, description }) as const;
const account = (name: string, description: Label) =>
  ({ name, field: 'account', type: UserAccountRef, description }) as const;

const ADMIN_ACCESS_RULE = {
  zh: '不能停用或降级自己的平台管理员账号，也不能让平台失去最后一个在用的平台管理员（ADMIN_SELF_PROTECTION）',
  en: 'an admin cannot disable or demote their own account, nor the last active admin (ADMIN_SELF_PROTECTION)',
};

adminMutation(
  'createUserAccount',
  credentials('CreateUserAccount', {
    zh: '新账号，及系统生成的临时密码（如有）',
    en: 'The new account, with its temporary password if one was issued',
  }),
  {
    action: { zh: '新增用户账号', en: 'creating a user account' },
    description: {
      zh:
        '新增用户账号：企业用户须指定所属企业与身份类型，税务人员须指定所属税务机关；用户名不得重复（DUPLICATE）。' +
        '不填密码时生成一次性临时密码，只在本次结果中返回。操作记入审计日志',
      en:
        'Creates a user account: an enterprise user needs their enterprise and identity type, an officer their tax ' +
        'authority; user names are unique (DUPLICATE). Without a password a one-time temporary password is issued, ' +
        'returned only in this result. The change is audited',
    },
    input: CreateUserAccountInput,
    run: createAccount,
  },
);

adminMutation('updateUserAccount', account('UpdateUserAccount', { zh: '修改后的账号', en: 'The account as saved' }), {
  action: { zh: '修改用户账号', en: 'editing a user account' },
  description: {
    zh: `修改用户账号的姓名、用户类型、身份类型、所属企业或税务机关，须带读取到的版本号；${ADMIN_ACCESS_RULE.zh}。操作记入审计日志`,
    en: `Edits an account’s name, kind, identity type, enterprise or tax authority, with the version read; ${ADMIN_ACCESS_RULE.en}. The change is audited`,
  },
  input: UpdateUserAccountInput,
  run: (app, viewer, input) => updateAccount(app, viewer, { ...input, id: input.id.id }),
});

adminMutation(
  'resetUserPassword',
  credentials('ResetUserPassword', {
    zh: '账号，及系统生成的临时密码（如有）',
    en: 'The account, with its temporary password if one was issued',
  }),
  {
    action: { zh: '重置密码', en: 'resetting a password' },
    description: {
      zh:
        '重置用户密码：不填新密码时生成一次性临时密码，只在本次结果中返回；该用户的所有会话立即结束（在各处退出登录）。' +
        '操作记入审计日志',
      en:
        'Resets a user’s password: without a new password a one-time temporary password is issued, returned only in ' +
        'this result; the user is signed out everywhere at once. The change is audited',
    },
    input: ResetUserPasswordInput,
    run: (app, viewer, input) => resetPassword(app, viewer, { ...input, id: input.id.id }),
  },
);

adminMutation('resetUserTwoFactor', account('ResetUserTwoFactor', { zh: '重置后的账号', en: 'The account as saved' }), {
  action: { zh: '重置双因素认证', en: 'resetting two-factor authentication' },
  description: {
    zh:
      '重置用户的双因素认证（用户丢失了身份验证器与恢复码时）：其密钥与恢复码作废，所有会话立即结束；其角色要求双因素' +
      '认证时（TWO_FACTOR_ROLES），下次登录须重新设置。须带读取到的版本号，操作记入审计日志',
    en:
      'Resets a user’s two-factor authentication (they lost their authenticator and recovery codes): the secret ' +
      'and recovery codes stop working and the user is signed out everywhere; where their role requires two ' +
      'factors (TWO_FACTOR_ROLES) they set it up again at the next sign-in. With the version read; audited',
  },
  input: ResetUserTwoFactorInput,
  run: (app, viewer, input) => resetTwoFactor(app, viewer, { ...input, id: input.id.id }),
});

adminMutation('unlockUserSignIn', account('UnlockUserSignIn', { zh: '解除锁定后的账号', en: 'The account' }), {
  action: { zh: '解除登录锁定', en: 'lifting a sign-in lock' },
  description: {
    zh: '解除账号因登录失败次数过多而受到的锁定，并清除其失败计数（来源地址的锁定不解除）。操作记入安全审计，未锁定时也记录',
    en:
      'Lifts the lock an account got from too many failed sign-ins and forgets its failures (the lock of an ' +
      'address stays). Recorded in the security log, also when it was not locked',
  },
  input: UnlockUserSignInInput,
  run: (app, viewer, input, _locale, clientAddress) => unlockSignIn(app, viewer, { id: input.id.id }, clientAddress),
});

adminMutation(
  'setUserAccountDisabled',
  account('SetUserAccountDisabled', { zh: '停用或启用后的账号', en: 'The account as saved' }),
  {
    action: { zh: '停用或启用用户账号', en: 'disabling or enabling a user account' },
    description: {
      zh:
        '停用或启用用户账号，须带读取到的版本号：停用的用户无法登录，其现有会话立即结束；' +
        `${ADMIN_ACCESS_RULE.zh}。操作记入审计日志`,
      en:
        'Disables or enables an account, with the version read: a disabled user cannot sign in and their sessions ' +
        `end at once; ${ADMIN_ACCESS_RULE.en}. The change is audited`,
    },
    input: SetUserAccountDisabledInput,
    run: (app, viewer, input) => setDisabled(app, viewer, { ...input, id: input.id.id }),
  },
);
