// GraphQL of 用户账号 (platform admin).
import type { User } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
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
import { adminPayload } from './payloads.ts';

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

const accountFields = {
  displayName: { description: '姓名' },
  enterpriseUscc: { description: "an enterprise user's enterprise (统一社会信用代码)" },
  authorityCode: { description: "an officer's tax authority (11 位代码)" },
};

const CreateUserAccountInput = builder.inputType('CreateUserAccountInput', {
  fields: (t) => ({
    username: t.string({ description: 'lower-case letters, digits, . _ - (3–40)' }),
    displayName: t.string(accountFields.displayName),
    role: t.field({ type: AccountRoleEnum }),
    identityType: t.field({ type: IdentityTypeEnum, required: false }),
    enterpriseUscc: t.string({ required: false, ...accountFields.enterpriseUscc }),
    authorityCode: t.string({ required: false, ...accountFields.authorityCode }),
    password: t.string({ required: false, description: 'omit to issue a one-time temporary password' }),
  }),
});

const UpdateUserAccountInput = builder.inputType('UpdateUserAccountInput', {
  fields: (t) => ({
    id: t.id(),
    expectedVersion: t.int(),
    displayName: t.string(accountFields.displayName),
    role: t.field({ type: AccountRoleEnum }),
    identityType: t.field({ type: IdentityTypeEnum, required: false }),
    enterpriseUscc: t.string({ required: false, ...accountFields.enterpriseUscc }),
    authorityCode: t.string({ required: false, ...accountFields.authorityCode }),
  }),
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

const createPayload = adminPayload('CreateUserAccount', 'credentials', AccountCredentialsRef);
const updatePayload = adminPayload('UpdateUserAccount', 'account', UserAccountRef);
const resetPayload = adminPayload('ResetUserPassword', 'credentials', AccountCredentialsRef);
const disablePayload = adminPayload('SetUserAccountDisabled', 'account', UserAccountRef);

builder.mutationField('createUserAccount', (t) =>
  t.field({
    type: createPayload.Payload,
    description: '新增用户账号 (platform admin)',
    args: { input: t.arg({ type: CreateUserAccountInput }) },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) =>
      createPayload.toPayload(await createAccount(context.app, context.viewer, input), context.locale),
    ),
  }),
);

builder.mutationField('updateUserAccount', (t) =>
  t.field({
    type: updatePayload.Payload,
    description: '修改用户账号 (platform admin)',
    args: { input: t.arg({ type: UpdateUserAccountInput }) },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) =>
      updatePayload.toPayload(
        await updateAccount(context.app, context.viewer, { ...input, id: String(input.id) }),
        context.locale,
      ),
    ),
  }),
);

builder.mutationField('resetUserPassword', (t) =>
  t.field({
    type: resetPayload.Payload,
    description: '重置密码 (platform admin): signs the user out everywhere',
    args: { input: t.arg({ type: ResetUserPasswordInput }) },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) =>
      resetPayload.toPayload(
        await resetPassword(context.app, context.viewer, { ...input, id: String(input.id) }),
        context.locale,
      ),
    ),
  }),
);

builder.mutationField('setUserAccountDisabled', (t) =>
  t.field({
    type: disablePayload.Payload,
    description: '停用 / 启用用户账号 (platform admin): a disabled user cannot sign in; their sessions end',
    args: { input: t.arg({ type: SetUserAccountDisabledInput }) },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) =>
      disablePayload.toPayload(
        await setDisabled(context.app, context.viewer, { ...input, id: String(input.id) }),
        context.locale,
      ),
    ),
  }),
);
