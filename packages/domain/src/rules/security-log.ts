// 安全审计 (GB/T 22239-2019 level 3): the security-relevant events, each recorded with its time, user, source
// address, type, object and outcome in the audit hash chain. Sign-ins, sign-outs, lock-outs, API tokens and exports
// of this log are written as SECURITY events; account, role, password, two-factor and configuration changes are
// the administrative events already in the chain, read into the same log.
import type { Label } from '../actors.ts';

/** The audit subjects whose events make the security log. Registry data and review cases are business, not here. */
export const SECURITY_LOG_SUBJECTS = [
  'SECURITY',
  'ADMIN_USER',
  'ADMIN_AUTHORITY',
  'ADMIN_PROVINCE_RULE',
  'CAPABILITY',
] as const;

/** Written under the SECURITY subject, chained per user name. */
export const SECURITY_EVENTS = [
  'signInSucceeded',
  'signInFailed',
  'signInLockedOut',
  'signedOut',
  'signInUnlocked',
  'apiTokenCreated',
  'apiTokenRevoked',
  'securityLogExported',
] as const;
export type SecurityEvent = (typeof SECURITY_EVENTS)[number];

export const SECURITY_EVENT_TYPE_LABELS = {
  signInSucceeded: { zh: '登录成功', en: 'Signed in' },
  signInFailed: { zh: '登录失败', en: 'Sign-in failed' },
  signInLockedOut: { zh: '登录失败次数过多，已锁定', en: 'Locked out after failed sign-ins' },
  signedOut: { zh: '退出登录', en: 'Signed out' },
  signInUnlocked: { zh: '解除登录锁定', en: 'Sign-in lock lifted' },
  apiTokenCreated: { zh: '创建 API 令牌', en: 'API token created' },
  apiTokenRevoked: { zh: '吊销 API 令牌', en: 'API token revoked' },
  securityLogExported: { zh: '导出安全审计记录', en: 'Security log exported' },
  createUserAccount: { zh: '创建用户账号', en: 'Account created' },
  updateUserAccount: { zh: '修改用户账号（角色、身份、机关）', en: 'Account changed (role, identity, authority)' },
  disableUserAccount: { zh: '停用用户账号', en: 'Account disabled' },
  enableUserAccount: { zh: '启用用户账号', en: 'Account enabled' },
  resetUserPassword: { zh: '重置密码', en: 'Password reset' },
  changeOwnPassword: { zh: '本人修改密码', en: 'Own password changed' },
  enableTwoFactor: { zh: '开启双因素认证', en: 'Two factors turned on' },
  disableTwoFactor: { zh: '关闭双因素认证', en: 'Two factors turned off' },
  regenerateRecoveryCodes: { zh: '重新生成恢复码', en: 'Recovery codes renewed' },
  resetUserTwoFactor: { zh: '重置双因素认证', en: 'Two factors reset' },
  createTaxAuthority: { zh: '新增税务机关', en: 'Tax authority added' },
  updateTaxAuthority: { zh: '修改税务机关', en: 'Tax authority changed' },
  createProvinceRule: { zh: '新增省级接入标准', en: 'Province rule added' },
  createCapability: { zh: '新增能力', en: 'Capability added' },
  updateCapability: { zh: '修改能力', en: 'Capability changed' },
} as const satisfies Record<string, Label>;

export type SecurityEventType = keyof typeof SECURITY_EVENT_TYPE_LABELS;
export const SECURITY_EVENT_TYPES = Object.keys(SECURITY_EVENT_TYPE_LABELS) as SecurityEventType[];

export const SECURITY_OUTCOMES = ['SUCCESS', 'FAILURE'] as const;
export type SecurityOutcome = (typeof SECURITY_OUTCOMES)[number];
export const SECURITY_OUTCOME_LABELS: Record<SecurityOutcome, Label> = {
  SUCCESS: { zh: '成功', en: 'Success' },
  FAILURE: { zh: '失败', en: 'Failure' },
};

/** Why a sign-in failed, as the log says it (the caller was told only "wrong user name or password"). */
export const SIGN_IN_FAILURE_REASONS = [
  'UNKNOWN_USER',
  'WRONG_PASSWORD',
  'ACCOUNT_DISABLED',
  'INCORRECT_ONE_TIME_CODE',
] as const;
export type SignInFailureReason = (typeof SIGN_IN_FAILURE_REASONS)[number];
export const SIGN_IN_FAILURE_REASON_LABELS: Record<SignInFailureReason, Label> = {
  UNKNOWN_USER: { zh: '用户名不存在', en: 'No such user' },
  WRONG_PASSWORD: { zh: '密码错误', en: 'Wrong password' },
  ACCOUNT_DISABLED: { zh: '账号已停用', en: 'Account disabled' },
  INCORRECT_ONE_TIME_CODE: { zh: '动态验证码错误', en: 'Wrong one-time code' },
};

/** How a security log's user name is kept: as typed for a sign-in, trimmed, lower case, at most 100 characters. */
export function securityLogUsername(typed: string): string {
  return typed.trim().toLowerCase().slice(0, 100);
}
