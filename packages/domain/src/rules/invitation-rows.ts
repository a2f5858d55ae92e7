import type { Locale, MessageParams } from '../errors.ts';
import { interpolate } from '../errors.ts';

/**
 * Why one row of an invitation batch (web form, Excel, API) failed. The same codes for all three channels;
 * the message is what the 邀请失败记录 / failure report shows. A message says nothing the inviter does not already
 * know (taxpayer confidentiality, DESIGN §4): not the registered name, not which eligibility condition fails (the
 * credit rating, a violation), not which DCU a unit is bound to.
 */
export const INVITATION_ROW_FAILURE_CODES = [
  'REQUIRED',
  'INVALID_USCC',
  'INVALID_RELATIONSHIP',
  'INVALID_AUTHORITY_CODE',
  'DUPLICATE_IN_BATCH',
  'UNKNOWN_ENTERPRISE',
  'NAME_MISMATCH',
  'SELF_INVITATION',
  'NOT_ELIGIBLE',
  'AUTHORITY_MISMATCH',
  'ALREADY_BOUND',
  'DUPLICATE',
  'INVITED_ELSEWHERE',
  'CAPABILITY_NOT_SUBSCRIBED',
  'PROOF_REQUIRED',
  'DCU_NOT_ACTIVE',
] as const;
export type InvitationRowFailureCode = (typeof INVITATION_ROW_FAILURE_CODES)[number];

type Templates = readonly [string, ...string[]];
const MESSAGES: Record<InvitationRowFailureCode, Record<Locale, Templates>> = {
  REQUIRED: {
    'zh-CN': ['请填写{fieldZh}', '必填项未填写'],
    en: ['{fieldEn} is required', 'A required field is empty'],
  },
  INVALID_USCC: {
    'zh-CN': ['统一社会信用代码{reasonZh}', '统一社会信用代码格式不正确'],
    en: ['Unified social credit code {reasonEn}', 'Invalid unified social credit code'],
  },
  INVALID_RELATIONSHIP: {
    'zh-CN': [
      '单位关系“{value}”无效：应为总分公司关系(01)、母子公司关系(02)、其他控制关系(03)或同一监管部门(05)',
      '单位关系无效：应为总分公司关系(01)、母子公司关系(02)、其他控制关系(03)或同一监管部门(05)',
    ],
    en: [
      'Relationship "{value}" is not allowed: use HQ/branch (01), parent/subsidiary (02), other control (03) or same regulator (05)',
      'The relationship is not allowed: use HQ/branch (01), parent/subsidiary (02), other control (03) or same regulator (05)',
    ],
  },
  INVALID_AUTHORITY_CODE: {
    'zh-CN': ['省级税务机关代码“{value}”无效，应为 11 位省级税务机关代码', '省级税务机关代码无效'],
    en: ['"{value}" is not a valid 11-digit provincial tax authority code', 'Invalid provincial tax authority code'],
  },
  DUPLICATE_IN_BATCH: {
    'zh-CN': ['与第 {firstRow} 行重复', '本批次中重复'],
    en: ['Duplicates row {firstRow}', 'Duplicated in this batch'],
  },
  UNKNOWN_ENTERPRISE: {
    'zh-CN': ['未找到统一社会信用代码为 {uscc} 的纳税人', '未找到该统一社会信用代码对应的纳税人'],
    en: [
      'No taxpayer with the unified social credit code {uscc} is registered',
      'No taxpayer with this unified social credit code is registered',
    ],
  },
  NAME_MISMATCH: {
    'zh-CN': ['单位名称与登记信息不一致，请核对'],
    en: ['The name does not match the registry; please check it'],
  },
  SELF_INVITATION: { 'zh-CN': ['不能邀请本单位作为使用单位'], en: ['A unit cannot invite itself'] },
  NOT_ELIGIBLE: {
    'zh-CN': ['该单位暂不符合使用单位条件'],
    en: ['This unit does not currently meet the conditions for a use unit'],
  },
  AUTHORITY_MISMATCH: {
    'zh-CN': [
      '省级税务机关与使用单位主管税务机关所属省份不一致（应为 {expected}）',
      '省级税务机关与使用单位所属省份不一致',
    ],
    en: ["The provincial authority is not that of the use unit's province ({expected})", 'Wrong provincial authority'],
  },
  ALREADY_BOUND: {
    'zh-CN': ['该单位已绑定直连单位，解除绑定前不能再次邀请'],
    en: ['This unit is already bound to a direct-connect unit and cannot be invited until it is unbound'],
  },
  DUPLICATE: {
    'zh-CN': ['本单位对该单位的接入邀请正在办理中，请勿重复邀请'],
    en: ['Your invitation to this unit is already in progress'],
  },
  // another DCU's invitation: said without naming that DCU
  INVITED_ELSEWHERE: {
    'zh-CN': ['该单位已有其他直连单位发起的接入邀请正在办理中，办结前不能邀请'],
    en: ["Another direct-connect unit's invitation to this unit is in progress; it cannot be invited until that ends"],
  },
  CAPABILITY_NOT_SUBSCRIBED: {
    'zh-CN': ['预授权能力 {codes} 未订阅，只能预授权本单位已订阅的能力', '只能预授权本单位已订阅的能力'],
    en: [
      'Capabilities {codes} are not subscribed; only subscribed capabilities may be pre-authorised',
      'Only capabilities your unit has subscribed may be pre-authorised',
    ],
  },
  PROOF_REQUIRED: {
    'zh-CN': ['请上传单位关系证明材料'],
    en: ['Relationship proof is required'],
  },
  DCU_NOT_ACTIVE: {
    'zh-CN': ['本单位已不是已接入的直连单位，不能继续邀请'],
    en: ['Your enterprise is no longer an active direct-connect unit'],
  },
};

const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  uscc: { zh: '统一社会信用代码', en: 'The unified social credit code' },
  name: { zh: '单位名称', en: 'The name' },
  provinceAuthorityCode: { zh: '省级税务机关', en: 'The provincial tax authority' },
  relationship: { zh: '单位关系', en: 'The relationship' },
};

const USCC_REASONS: Record<string, { zh: string; en: string }> = {
  LENGTH: { zh: '应为 18 位', en: 'must be 18 characters long' },
  CHARSET: { zh: '含有不允许的字符（不得使用 I、O、S、V、Z）', en: 'contains characters that are not allowed' },
  CHECKSUM: { zh: '校验位不正确', en: 'has a wrong check character' },
};

/** The reason of a failed row, in the caller's language. */
export function invitationRowFailureMessage(
  code: InvitationRowFailureCode,
  params: MessageParams = {},
  locale: Locale = 'zh-CN',
): string {
  const filled: MessageParams = { ...params };
  const field = typeof params.field === 'string' ? FIELD_LABELS[params.field] : undefined;
  if (field) {
    filled.fieldZh = field.zh;
    filled.fieldEn = field.en;
  }
  const reason = typeof params.reason === 'string' ? USCC_REASONS[params.reason] : undefined;
  if (reason) {
    filled.reasonZh = reason.zh;
    filled.reasonEn = reason.en;
  }
  const templates = MESSAGES[code][locale];
  for (const template of templates) {
    const text = interpolate(template, filled);
    if (text !== null) return text;
  }
  return templates[templates.length - 1] ?? templates[0];
}
