// GraphQL of 用户账号 (platform admin).
import type { User } from '../../generated/prisma/client.ts';
import { type BuilderTypes, builder } from '../../platform/builder.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import { IdentityTypeEnum } from '../auth/schema.ts';
import { EnterpriseRef, TaxAuthorityRef } from '../enterprise/schema.ts';
import {
  type AccountWithPassword,
  createAccount,
  listAccounts,
  resetPassword,
  setDisabled,
  updateAccount,
} from './accounts.ts';
import { adminListResolver } from './common.ts';
import { adminMutation } from './payloads.ts';

const AccountRoleEnum = builder.enumType('AccountRole', {
  description: '用户类型: 企业用户, 税务人员, 平台管理员',
  values: ['ENTERPRISE', 'OFFICER', 'ADMIN'] as const,
});

const UserAccountRef = builder.objectRef<User>('UserAccount').implement({
  description: '用户账号 as the platform admin sees it (never the password)',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    role: t.field({ type: AccountRoleEnum, resolve: (user) => user.role }),
    identityType: t.field({ type: IdentityTypeEnum, nullable: true, resolve: (user) => user.identityType }),
    enterprise: t.field({
      type: EnterpriseRef,
      nullable: true,
      resolve: (user, _args, context) =>
        user.enterpriseId ? context.app.db.enterprise.findUnique({ where: { id: user.enterpriseId } }) : null,
    }),
    authority: t.field({
      type: TaxAuthorityRef,
      nullable: true,
      resolve: (user, _args, context) =>
        user.authorityCode ? context.app.db.taxAuthority.findUnique({ where: { code: user.authorityCode } }) : null,
    }),
    disabled: t.exposeBoolean('disabled'),
    version: t.exposeInt('version'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const AccountCredentialsRef = builder.objectRef<AccountWithPassword>('AccountCredentials').implement({
  fields: (t) => ({
    account: t.field({ type: UserAccountRef, resolve: (value) => value.account }),
    temporaryPassword: t.exposeString('temporaryPassword', {
      nullable: true,
      description: 'a one-time temporary password, returned only in this response; null when the admin set one',
    }),
  }),
});

const UserAccountConnection = countedConnection(UserAccountRef, 'UserAccountConnection', 'UserAccountEdge');

builder.queryField('userAccounts', (t) =>
  t.connection(
    {
      type: UserAccountRef,
      description: '用户账号 (platform admin), by username, searched by username prefix or name',
      authScopes: { admin: true },
      args: { search: t.arg.string({ required: false }), role: t.arg({ type: AccountRoleEnum, required: false }) },
      resolve: adminListResolver(listAccounts, (row) => row.username),
    },
    UserAccountConnection,
  ),
);

/** The fields an account is created and edited with. */
const accountInputFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  displayName: t.string({ description: '姓名' }),
  role: t.field({ type: AccountRoleEnum }),
  identityType: t.field({ type: IdentityTypeEnum, required: false }),
  enterpriseUscc: t.string({ required: false, description: "an enterprise user's enterprise (统一社会信用代码)" }),
  authorityCode: t.string({ required: false, description: "an officer's tax authority (11 位代码)" }),
});

const CreateUserAccountInput = builder.inputType('CreateUserAccountInput', {
  fields: (t) => ({
    username: t.string({ description: 'lower-case letters, digits, . _ - (3–40)' }),
    ...accountInputFields(t),
    password: t.string({ required: false, description: 'omit to issue a one-time temporary password' }),
  }),
});

const UpdateUserAccountInput = builder.inputType('UpdateUserAccountInput', {
  fields: (t) => ({ id: t.id(), expectedVersion: t.int(), ...accountInputFields(t) }),
});

const ResetUserPasswordInput = builder.inputType('ResetUserPasswordInput', {
  fields: (t) => ({
    id: t.id(),
    newPassword: t.string({ required: false, description: 'omit to issue a one-time temporary password' }),
  }),
});

const SetUserAccountDisabledInput = builder.inputType('SetUserAccountDisabledInput', {
  fields: (t) => ({ id: t.id(), disabled: t.boolean(), expectedVersion: t.int() }),
});

const credentials = (name: string) => ({ name, field: 'credentials', type: AccountCredentialsRef }) as const;
const account = (name: string) => ({ name, field: 'account', type: UserAccountRef }) as const;

adminMutation('createUserAccount', credentials('CreateUserAccount'), {
  description: '新增用户账号 (platform admin)',
  input: CreateUserAccountInput,
  run: createAccount,
});

adminMutation('updateUserAccount', account('UpdateUserAccount'), {
  description: '修改用户账号 (platform admin)',
  input: UpdateUserAccountInput,
  run: (app, viewer, input) => updateAccount(app, viewer, { ...input, id: String(input.id) }),
});

adminMutation('resetUserPassword', credentials('ResetUserPassword'), {
  description: '重置密码 (platform admin): signs the user out everywhere',
  input: ResetUserPasswordInput,
  run: (app, viewer, input) => resetPassword(app, viewer, { ...input, id: String(input.id) }),
});

adminMutation('setUserAccountDisabled', account('SetUserAccountDisabled'), {
  description: '停用 / 启用用户账号 (platform admin): a disabled user cannot sign in; their sessions end',
  input: SetUserAccountDisabledInput,
  run: (app, viewer, input) => setDisabled(app, viewer, { ...input, id: String(input.id) }),
});
