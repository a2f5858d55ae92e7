/** 身份类型 — identity types an enterprise operator signs in with (manual §3.1). */
export const IDENTITY_TYPES = ['LEGAL_REPRESENTATIVE', 'FINANCE_MANAGER', 'TAX_CLERK', 'INVOICE_CLERK'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

export interface Label {
  zh: string;
  en: string;
}

export const IDENTITY_TYPE_LABELS: Record<IdentityType, Label> = {
  LEGAL_REPRESENTATIVE: { zh: '法定代表人', en: 'Legal representative' },
  FINANCE_MANAGER: { zh: '财务负责人', en: 'Finance manager' },
  TAX_CLERK: { zh: '办税员', en: 'Tax clerk' },
  INVOICE_CLERK: { zh: '开票员', en: 'Invoice clerk' },
};

export function isIdentityType(value: string): value is IdentityType {
  return (IDENTITY_TYPES as readonly string[]).includes(value);
}

export const ROLES = ['ENTERPRISE', 'OFFICER', 'ADMIN', 'API_CLIENT'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Label> = {
  ENTERPRISE: { zh: '企业经办人', en: 'Enterprise operator' },
  OFFICER: { zh: '税务人员', en: 'Tax officer' },
  ADMIN: { zh: '平台管理员', en: 'Platform administrator' },
  API_CLIENT: { zh: '第三方系统', en: 'Third-party client' },
};

/** Who recorded an audit event: a signed-in role, or the system itself (automatic cancellations, expiries). */
export const ACTOR_ROLES = [...ROLES, 'SYSTEM'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];
export const ACTOR_ROLE_LABELS: Record<ActorRole, Label> = { ...ROLE_LABELS, SYSTEM: { zh: '系统', en: 'System' } };

/** 省级税务机关 / 主管税务机关 */
export type AuthorityLevel = 'PROVINCIAL' | 'LOCAL';
export const AUTHORITY_LEVELS: readonly AuthorityLevel[] = ['PROVINCIAL', 'LOCAL'];

export type EnterpriseActor = { role: 'ENTERPRISE'; userId: string; enterpriseId: string; identityType: IdentityType };
export type OfficerActor = { role: 'OFFICER'; userId: string; authorityCode: string; authorityLevel: AuthorityLevel };
export type AdminActor = { role: 'ADMIN'; userId: string };
export type ApiClientActor = { role: 'API_CLIENT'; tokenId: string; enterpriseId: string };
export type SystemActor = { role: 'SYSTEM' };

export type Actor = EnterpriseActor | OfficerActor | AdminActor | ApiClientActor | SystemActor;

/** Exit (退出乐企) is reserved to the legal representative and the finance manager (manual §3.6). */
export function canExit(identityType: IdentityType): boolean {
  return identityType === 'LEGAL_REPRESENTATIVE' || identityType === 'FINANCE_MANAGER';
}

/** Webhook endpoints carry every event of the enterprise out of the platform: the same two principals (issue 21). */
export function canManageWebhooks(identityType: IdentityType): boolean {
  return canExit(identityType);
}

/** The enterprise an actor acts for, if any (enterprise operators and their API tokens). */
export function enterpriseIdOf(actor: Actor): string | null {
  return actor.role === 'ENTERPRISE' || actor.role === 'API_CLIENT' ? actor.enterpriseId : null;
}

/** A stable identifier for audit trails: user id, token id, or 'SYSTEM'. */
export function actorIdOf(actor: Actor): string {
  switch (actor.role) {
    case 'API_CLIENT':
      return `token:${actor.tokenId}`;
    case 'SYSTEM':
      return 'SYSTEM';
    default:
      return actor.userId;
  }
}
