/** Error codes shared by the domain, the GraphQL schema (union members implementing `Error`) and the web. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'NOT_ELIGIBLE',
  'INVALID_TRANSITION',
  'STALE_VERSION',
  'FOUR_EYES',
  'LIMIT_EXCEEDED',
  'DUPLICATE',
  'REASON_REQUIRED',
  'NOT_JURISDICTION',
  'IDENTITY_NOT_ALLOWED',
  'MATERIALS_MISSING',
  'ALREADY_IN_FLIGHT',
  'DCU_NOT_ACTIVE',
  'EXIT_BLOCKED',
  'CLAIMED',
  'NOT_CLAIMED',
  'ADMIN_SELF_PROTECTION',
  'PASSWORD_CHANGE_REQUIRED',
  'TWO_FACTOR_REQUIRED',
  'TWO_FACTOR_ENROLMENT_REQUIRED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type MessageParams = Record<string, string | number>;

/** One problem with one input field (`field` is a path such as `invitations.3.uscc`). */
export interface FieldIssue {
  field: string;
  code: FieldIssueCode;
  params?: MessageParams;
}

export interface DomainError {
  code: ErrorCode;
  message?: string;
  params?: MessageParams;
  issues?: FieldIssue[];
}

export function domainError(code: ErrorCode, params?: MessageParams, issues?: FieldIssue[]): DomainError {
  const error: DomainError = { code };
  if (params !== undefined) error.params = params;
  if (issues !== undefined) error.issues = issues;
  return error;
}

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Each message is a list of templates, most specific first; the first whose placeholders are all
 * supplied by `params` is used, so callers may pass as much or as little context as they have.
 */
type Templates = readonly [string, ...string[]];
type Catalogue<K extends string> = Record<K, Record<Locale, Templates>>;

const ERROR_MESSAGES: Catalogue<ErrorCode> = {
  CLAIMED: {
    'zh-CN': ['该案件已由 {holder} 认领', '该案件已被其他人员认领'],
    en: ['This case is claimed by {holder}', 'This case is claimed by another officer'],
  },
  NOT_CLAIMED: {
    'zh-CN': ['该案件当前无人认领'],
    en: ['Nobody has claimed this case'],
  },
  UNAUTHENTICATED: { 'zh-CN': ['请先登录'], en: ['Please sign in first'] },
  FORBIDDEN: {
    'zh-CN': ['您无权执行此操作（{event}）', '您无权执行此操作'],
    en: ['You are not allowed to do this ({event})', 'You are not allowed to do this'],
  },
  NOT_FOUND: {
    'zh-CN': ['未找到{entity}', '未找到相关记录'],
    en: ['{entity} not found', 'The record was not found'],
  },
  VALIDATION_FAILED: {
    'zh-CN': ['填写内容有误，请检查后重新提交'],
    en: ['Some fields are invalid; please check and submit again'],
  },
  NOT_ELIGIBLE: {
    'zh-CN': ['未通过接入条件核验，请查看未通过的项目'],
    en: ['The eligibility verification failed; see the failed checks'],
  },
  INVALID_TRANSITION: {
    'zh-CN': [
      '当前状态（{statusZh}）下不能执行该操作（{event}）',
      '当前状态（{status}）下不能执行该操作（{event}）',
      '当前状态下不能执行该操作',
    ],
    en: [
      'This action ({event}) is not possible in the current status ({statusEn})',
      'This action ({event}) is not possible in the current status ({status})',
      'This action is not possible in the current status',
    ],
  },
  STALE_VERSION: {
    'zh-CN': ['该事项已被他人处理，请刷新后重试'],
    en: ['This case was changed by someone else; reload and try again'],
  },
  FOUR_EYES: {
    'zh-CN': ['同一事项的相邻两个审批环节不能由同一人办理'],
    en: ['The same officer may not perform two consecutive decisions on one case'],
  },
  LIMIT_EXCEEDED: {
    'zh-CN': [
      '登录尝试过于频繁，请 {waitZh}后再试',
      '文件过大：单个文件不能超过 {maxMb} MB',
      '超出数量上限：每次最多 {max} 条（本次 {actual} 条）',
      '超出数量上限：每次最多 {max} 条',
      '超出数量上限',
    ],
    en: [
      'Too many sign-in attempts; try again in {waitEn}',
      'File too large: at most {maxMb} MB per file',
      'Too many items: at most {max} per call ({actual} given)',
      'Too many items: at most {max} per call',
      'Limit exceeded',
    ],
  },
  DUPLICATE: {
    'zh-CN': ['记录已存在（{entity}）', '记录已存在，请勿重复提交'],
    en: ['Already exists ({entity})', 'This already exists; do not submit it twice'],
  },
  REASON_REQUIRED: { 'zh-CN': ['请填写原因'], en: ['A reason is required'] },
  NOT_JURISDICTION: {
    'zh-CN': ['该事项不属于您所在税务机关的管辖范围'],
    en: ['This case is outside your tax authority’s jurisdiction'],
  },
  IDENTITY_NOT_ALLOWED: {
    'zh-CN': ['仅法定代表人或财务负责人可办理此业务'],
    en: ['Only the legal representative or the finance manager may do this'],
  },
  MATERIALS_MISSING: {
    'zh-CN': ['请上传必需的材料：{materials}', '请上传全部必需的材料'],
    en: ['Required materials are missing: {materials}', 'Required materials are missing'],
  },
  ALREADY_IN_FLIGHT: {
    'zh-CN': ['已有正在办理中的申请，请勿重复申请'],
    en: ['An application is already in progress'],
  },
  DCU_NOT_ACTIVE: {
    'zh-CN': [
      '本单位当前不是已接入的直连单位（{dcuStatusZh}），不能办理此业务',
      '本单位当前不是已接入的直连单位，不能办理此业务',
    ],
    en: [
      'Your enterprise is not an active direct-connect unit ({dcuStatusEn})',
      'Your enterprise is not an active direct-connect unit',
    ],
  },
  EXIT_BLOCKED: {
    'zh-CN': [
      '尚有 {activeBindingCount} 家使用单位未解除绑定，请先解除全部使用单位后再申请退出',
      '请先解除全部使用单位后再申请退出',
    ],
    en: [
      '{activeBindingCount} use units are still bound; unbind them all before applying to exit',
      'Unbind all use units before applying to exit',
    ],
  },
  ADMIN_SELF_PROTECTION: {
    'zh-CN': ['不能停用或降级自己的账号，也不能停用最后一个可用的平台管理员账号'],
    en: ['You cannot disable or demote your own account, nor the last active platform admin'],
  },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': ['请先修改密码：{reasonZh}', '请先修改密码'],
    en: ['Change your password first: {reasonEn}', 'Change your password first'],
  },
  TWO_FACTOR_REQUIRED: {
    'zh-CN': ['请输入身份验证器中的 6 位动态验证码，或一个恢复码'],
    en: ['Enter the 6-digit code from your authenticator app, or a recovery code'],
  },
  TWO_FACTOR_ENROLMENT_REQUIRED: {
    'zh-CN': ['请先设置双因素认证：税务人员与管理员须以密码加动态验证码登录'],
    en: ['Set up two-factor authentication first: officers and administrators sign in with a password and a code'],
  },
};

export const FIELD_ISSUE_CODES = [
  'REQUIRED',
  'TOO_LONG',
  'INVALID_USCC',
  'INVALID_AUTHORITY_CODE',
  'INVALID_FORMAT',
  'OUT_OF_RANGE',
  'INVALID_RELATIONSHIP',
  'DATE_IN_PAST',
  'ABOVE_NORMAL_THRESHOLD',
  'INVALID_CHARACTERS',
  'UNSUPPORTED_FILE_TYPE',
  'NOT_REGISTERED_AUTHORITY',
  'CAPABILITY_NOT_SUBSCRIBED',
  'NOT_FOUND',
  'DUPLICATE',
  'TARGET_NOT_ALLOWED',
  'UNKNOWN_EVENT_TYPE',
  'WEAK_PASSWORD',
  'PASSWORD_REUSED',
  'INCORRECT_PASSWORD',
  'INCORRECT_ONE_TIME_CODE',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

const ISSUE_MESSAGES: Catalogue<FieldIssueCode | 'UNKNOWN'> = {
  REQUIRED: { 'zh-CN': ['此项为必填项'], en: ['This field is required'] },
  TOO_LONG: {
    'zh-CN': ['长度不能超过 {max} 个字符', '内容过长'],
    en: ['At most {max} characters', 'Too long'],
  },
  INVALID_USCC: {
    'zh-CN': ['统一社会信用代码{reasonZh}', '统一社会信用代码格式不正确'],
    en: ['Unified social credit code {reasonEn}', 'Invalid unified social credit code'],
  },
  INVALID_AUTHORITY_CODE: {
    'zh-CN': ['税务机关代码应为以 1 开头的 11 位数字'],
    en: ['A tax authority code is 11 digits starting with 1'],
  },
  INVALID_FORMAT: { 'zh-CN': ['格式不正确'], en: ['Invalid format'] },
  WEAK_PASSWORD: {
    'zh-CN': [
      '密码不能包含用户名（{username}）',
      '密码须包含大写字母、小写字母、数字、其他字符中的至少 {minClasses} 类',
      '密码强度不足',
    ],
    en: [
      'The password must not contain the user name ({username})',
      'The password must mix at least {minClasses} of upper case, lower case, digits and other characters',
      'The password is too weak',
    ],
  },
  PASSWORD_REUSED: {
    'zh-CN': ['不能使用最近 {history} 次用过的密码', '不能使用最近用过的密码'],
    en: ['The password must differ from the last {history} passwords', 'The password was used recently'],
  },
  INCORRECT_PASSWORD: { 'zh-CN': ['当前密码不正确'], en: ['The current password is not correct'] },
  INCORRECT_ONE_TIME_CODE: {
    'zh-CN': ['动态验证码或恢复码不正确（验证码每 30 秒更新，每个只能使用一次）'],
    en: ['The code is not correct (a code changes every 30 seconds and works once; a recovery code works once)'],
  },
  UNSUPPORTED_FILE_TYPE: {
    'zh-CN': ['仅支持 PDF、JPG/PNG、DOC/DOCX、XLS/XLSX 文件（按文件内容识别）'],
    en: ['Only PDF, JPG/PNG, DOC/DOCX and XLS/XLSX files are accepted (recognised by their content)'],
  },
  INVALID_CHARACTERS: {
    'zh-CN': ['不能包含控制字符或不可见字符（如文字方向控制符、零宽字符）'],
    en: ['Must not contain control or invisible characters (such as direction overrides or zero-width characters)'],
  },
  OUT_OF_RANGE: {
    'zh-CN': ['取值应在 {min} 至 {max} 之间', '取值不能超过 {max}', '取值不能小于 {min}', '取值超出范围'],
    en: ['Must be between {min} and {max}', 'Must be at most {max}', 'Must be at least {min}', 'Out of range'],
  },
  INVALID_RELATIONSHIP: {
    'zh-CN': ['单位关系应为总分公司关系(01)、母子公司关系(02)、其他控制关系(03)或同一监管部门(05)'],
    en: ['The relationship must be HQ/branch (01), parent/subsidiary (02), other control (03) or same regulator (05)'],
  },
  DATE_IN_PAST: {
    'zh-CN': ['生效日期不能早于今天（{today}）', '生效日期不能早于今天'],
    en: ['The effective date cannot be before today ({today})', 'The effective date cannot be before today'],
  },
  ABOVE_NORMAL_THRESHOLD: {
    'zh-CN': ['民生行业降低后的标准不能高于一般标准（{max}）', '民生行业降低后的标准不能高于一般标准'],
    en: [
      'A lowered livelihood threshold cannot exceed the normal one ({max})',
      'A lowered livelihood threshold cannot exceed the normal one',
    ],
  },
  NOT_REGISTERED_AUTHORITY: {
    'zh-CN': ['主管税务机关以登记信息为准（{expected}），不能另选', '主管税务机关以登记信息为准，不能另选'],
    en: [
      'The competent authority is the registered one ({expected}); it cannot be chosen',
      'The competent authority is the registered one; it cannot be chosen',
    ],
  },
  CAPABILITY_NOT_SUBSCRIBED: {
    'zh-CN': ['本单位未订阅能力 {code}，不能授权', '本单位未订阅该能力，不能授权'],
    en: [
      'Your unit has not subscribed capability {code}; it cannot be authorised',
      'Your unit has not subscribed this capability',
    ],
  },
  NOT_FOUND: { 'zh-CN': ['找不到此项所指的对象'], en: ['What this field refers to was not found'] },
  DUPLICATE: { 'zh-CN': ['此项与已有内容重复'], en: ['This duplicates an existing entry'] },
  TARGET_NOT_ALLOWED: {
    'zh-CN': [
      '不能向 {host} 推送：内网、本机及保留地址须由平台管理员在 WEBHOOK_ALLOWED_HOSTS 中放行',
      '不能向该地址推送：内网、本机及保留地址须由平台管理员放行',
    ],
    en: [
      'Cannot deliver to {host}: private, loopback and reserved addresses must be allowed in WEBHOOK_ALLOWED_HOSTS',
      'Cannot deliver to this address: private, loopback and reserved addresses must be allowed by the administrator',
    ],
  },
  UNKNOWN_EVENT_TYPE: {
    'zh-CN': ['未知的事件类型：{types}', '含有未知的事件类型'],
    en: ['Unknown event types: {types}', 'Contains unknown event types'],
  },
  UNKNOWN: { 'zh-CN': ['此项内容无效'], en: ['This field is invalid'] },
};

const USCC_REASONS: Record<string, Record<Locale, string>> = {
  LENGTH: { 'zh-CN': '应为 18 位', en: 'must be 18 characters long' },
  CHARSET: {
    'zh-CN': '含有不允许的字符（不得使用 I、O、S、V、Z）',
    en: 'contains characters that are not allowed (I, O, S, V, Z are never used)',
  },
  CHECKSUM: { 'zh-CN': '校验位不正确', en: 'has a wrong check character' },
};

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; returns null when a placeholder has no value. */
export function interpolate(template: string, params: MessageParams = {}): string | null {
  let missing = false;
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (value === undefined) {
      missing = true;
      return '';
    }
    return String(value);
  });
  return missing ? null : text;
}

function render(templates: Templates, params: MessageParams | undefined): string {
  for (const template of templates) {
    const text = interpolate(template, params);
    if (text !== null) return text;
  }
  // The last template of every catalogue entry should be parameter-free; fall back to it regardless.
  return templates[templates.length - 1] ?? templates[0];
}

/** Messages for a code refined by `params.reason`, where the general message would mislead the user. */
const REASON_MESSAGES: Partial<Record<ErrorCode, Record<string, Record<Locale, string>>>> = {
  // the same words for an unknown username and a wrong password, so neither reveals which accounts exist
  UNAUTHENTICATED: { INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' } },
  // 能力授权 to a use unit (capability-authorisation.ts)
  INVALID_TRANSITION: {
    NOT_BOUND: {
      'zh-CN': '该使用单位未与本单位绑定（或已解除绑定），不能授权能力',
      en: 'This use unit is not bound to your unit (or was unbound); capabilities cannot be authorised',
    },
    TWO_FACTOR_ON: {
      'zh-CN': '已设置双因素认证；如需更换设备，请先关闭或请安全管理员重置',
      en: 'Two-factor authentication is already on; to move it to another device, turn it off or ask for a reset',
    },
    TWO_FACTOR_OFF: { 'zh-CN': '尚未设置双因素认证', en: 'Two-factor authentication is not set up' },
    NO_ENROLMENT_OFFER: {
      'zh-CN': '请先开始设置双因素认证，再输入验证码',
      en: 'Start setting up two-factor authentication before entering a code',
    },
  },
  DUPLICATE: {
    ALREADY_AUTHORISED: {
      'zh-CN': '该使用单位已获授权且在有效期内的能力不能重复授权：{codes}',
      en: 'The use unit already holds an active authorisation of: {codes}',
    },
  },
};

export function messageFor(error: Pick<DomainError, 'code' | 'params'>, locale: Locale): string {
  const reason = error.params?.reason;
  const refined = typeof reason === 'string' ? REASON_MESSAGES[error.code]?.[reason]?.[locale] : undefined;
  if (refined) return interpolate(refined, error.params) ?? refined.replace(PLACEHOLDER, '');
  return render(ERROR_MESSAGES[error.code][locale], error.params);
}

function isFieldIssueCode(code: string): code is FieldIssueCode {
  return (FIELD_ISSUE_CODES as readonly string[]).includes(code);
}

export function issueMessage(issue: FieldIssue, locale: Locale): string {
  const params: MessageParams = { ...issue.params };
  if (issue.code === 'INVALID_USCC' && typeof params.reason === 'string') {
    const reason = USCC_REASONS[params.reason];
    if (reason) {
      params.reasonZh = reason['zh-CN'];
      params.reasonEn = reason.en;
    }
  }
  const key = isFieldIssueCode(issue.code) ? issue.code : 'UNKNOWN';
  return render(ISSUE_MESSAGES[key][locale], params);
}

/** Convenience for servers: the error with its message resolved in the requested locale. */
export function localize(error: DomainError, locale: Locale): DomainError & { message: string } {
  return { ...error, message: error.message ?? messageFor(error, locale) };
}
