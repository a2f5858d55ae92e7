/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/**
 * 绑定关系的状态
 *
 * Status of a binding
 */
export type BindingStatus =
  /**
   * 已绑定
   *
   * Bound
   */
  | 'ACTIVE'
  /**
   * 已解除
   *
   * Unbound
   */
  | 'UNBOUND';

/**
 * 案件事件：状态表中的操作，以及认领、更换证明材料等记入案件历史的操作
 *
 * What happened to a case: a transition of its state table, or a claim, proof replacement or authorisation recorded in its history
 */
export type CaseEventName =
  /**
   * 受理
   *
   * Accept
   */
  | 'accept'
  /**
   * 申请订阅
   *
   * Apply for subscription
   */
  | 'apply'
  /**
   * 审核通过
   *
   * Approve
   */
  | 'approve'
  /**
   * 复核通过
   *
   * Approve review
   */
  | 'approveReview'
  /**
   * 能力授权
   *
   * Authorise capabilities
   */
  | 'authoriseCapabilities'
  /**
   * 自动失效
   *
   * Cancelled by the system
   */
  | 'cancel'
  /**
   * 认领
   *
   * Claim
   */
  | 'claim'
  /**
   * 认领已失效
   *
   * Claim expired
   */
  | 'claimExpired'
  /**
   * 确认通过
   *
   * Confirm
   */
  | 'confirm'
  /**
   * 拒绝邀请
   *
   * Decline
   */
  | 'decline'
  /**
   * 邀请使用单位
   *
   * Invite use unit
   */
  | 'invite'
  /**
   * 改派
   *
   * Reassign claim
   */
  | 'reassignClaim'
  /**
   * 不予受理
   *
   * Refuse
   */
  | 'refuse'
  /**
   * 审核不通过
   *
   * Reject
   */
  | 'reject'
  /**
   * 确认不通过
   *
   * Reject confirmation
   */
  | 'rejectConfirmation'
  /**
   * 复核不通过
   *
   * Reject review
   */
  | 'rejectReview'
  /**
   * 释放认领
   *
   * Release claim
   */
  | 'releaseClaim'
  /**
   * 更换关联关系证明材料
   *
   * Replace relationship proof
   */
  | 'replaceProof'
  /**
   * 确认邀请
   *
   * Respond
   */
  | 'respond'
  /**
   * 取消订阅
   *
   * Revoke subscription
   */
  | 'revoke'
  /**
   * 保存草稿
   *
   * Save draft
   */
  | 'saveDraft'
  /**
   * 提交
   *
   * Submit
   */
  | 'submit'
  /**
   * 解除绑定
   *
   * Unbind
   */
  | 'unbindByDirectUnit'
  /**
   * 解除绑定
   *
   * Unbind
   */
  | 'unbindByUseUnit';

/**
 * 案件状态：各类案件（接入申请、退出申请、接入邀请、能力订阅申请）状态表中的全部状态
 *
 * Status of a case: every status of the state tables of the four case kinds
 */
export type CaseStatus =
  /**
   * 审核通过（能力订阅申请）
   *
   * Approved (capability subscription application)
   */
  | 'APPROVED'
  /**
   * 已失效（接入邀请、能力订阅申请）
   *
   * Cancelled (invitation, capability subscription application)
   */
  | 'CANCELLED'
  /**
   * 确认不通过（接入申请、退出申请、接入邀请）
   *
   * Confirmation rejected (access application, exit application, invitation)
   */
  | 'CONFIRMATION_REJECTED'
  /**
   * 确认通过（接入申请、退出申请、接入邀请）
   *
   * Confirmed (access application, exit application, invitation)
   */
  | 'CONFIRMED'
  /**
   * 已拒绝（接入邀请）
   *
   * Declined (invitation)
   */
  | 'DECLINED'
  /**
   * 草稿（接入申请）
   *
   * Draft (access application)
   */
  | 'DRAFT'
  /**
   * 不予受理（接入申请、退出申请、接入邀请）
   *
   * Not accepted (access application, exit application, invitation)
   */
  | 'NOT_ACCEPTED'
  /**
   * 待受理（接入申请、退出申请、接入邀请）
   *
   * Pending acceptance (access application, exit application, invitation)
   */
  | 'PENDING_ACCEPTANCE'
  /**
   * 待审核（能力订阅申请）
   *
   * Pending approval (capability subscription application)
   */
  | 'PENDING_APPROVAL'
  /**
   * 待确认（接入申请、退出申请、接入邀请）
   *
   * Pending confirmation (access application, exit application, invitation)
   */
  | 'PENDING_CONFIRMATION'
  /**
   * 待使用单位响应（接入邀请）
   *
   * Awaiting use unit response (invitation)
   */
  | 'PENDING_RESPONSE'
  /**
   * 待复核（接入申请、退出申请）
   *
   * Pending review (access application, exit application)
   */
  | 'PENDING_REVIEW'
  /**
   * 审核不通过（能力订阅申请）
   *
   * Rejected (capability subscription application)
   */
  | 'REJECTED'
  /**
   * 复核不通过（接入申请、退出申请）
   *
   * Review rejected (access application, exit application)
   */
  | 'REVIEW_REJECTED'
  /**
   * 已取消（能力订阅申请）
   *
   * Revoked (capability subscription application)
   */
  | 'REVOKED'
  /**
   * 已解除（接入邀请）
   *
   * Unbound (invitation)
   */
  | 'UNBOUND';

/**
 * 拒绝的原因代码
 *
 * Why a request was refused
 */
export type ErrorCode =
  /**
   * 不能停用或降级自己的账号，也不能停用最后一个可用的平台管理员账号
   *
   * You cannot disable or demote your own account, nor the last active platform admin
   */
  | 'ADMIN_SELF_PROTECTION'
  /**
   * 已有正在办理中的申请，请勿重复申请
   *
   * An application is already in progress
   */
  | 'ALREADY_IN_FLIGHT'
  /**
   * 该案件已被其他人员认领
   *
   * This case is claimed by another officer
   */
  | 'CLAIMED'
  /**
   * 本单位当前不是已接入的直连单位，不能办理此业务
   *
   * Your enterprise is not an active direct-connect unit
   */
  | 'DCU_NOT_ACTIVE'
  /**
   * 记录已存在，请勿重复提交
   *
   * This already exists; do not submit it twice
   */
  | 'DUPLICATE'
  /**
   * 请先解除全部使用单位后再申请退出
   *
   * Unbind all use units before applying to exit
   */
  | 'EXIT_BLOCKED'
  /**
   * 您无权执行此操作
   *
   * You are not allowed to do this
   */
  | 'FORBIDDEN'
  /**
   * 同一事项的相邻两个审批环节不能由同一人办理
   *
   * The same officer may not perform two consecutive decisions on one case
   */
  | 'FOUR_EYES'
  /**
   * 仅法定代表人或财务负责人可办理此业务
   *
   * Only the legal representative or the finance manager may do this
   */
  | 'IDENTITY_NOT_ALLOWED'
  /**
   * 当前状态下不能执行该操作
   *
   * This action is not possible in the current status
   */
  | 'INVALID_TRANSITION'
  /**
   * 超出数量上限
   *
   * Limit exceeded
   */
  | 'LIMIT_EXCEEDED'
  /**
   * 请上传全部必需的材料
   *
   * Required materials are missing
   */
  | 'MATERIALS_MISSING'
  /**
   * 该案件当前无人认领
   *
   * Nobody has claimed this case
   */
  | 'NOT_CLAIMED'
  /**
   * 未通过接入条件核验，请查看未通过的项目
   *
   * The eligibility verification failed; see the failed checks
   */
  | 'NOT_ELIGIBLE'
  /**
   * 未找到相关记录
   *
   * The record was not found
   */
  | 'NOT_FOUND'
  /**
   * 该事项不属于您所在税务机关的管辖范围
   *
   * This case is outside your tax authority’s jurisdiction
   */
  | 'NOT_JURISDICTION'
  /**
   * 请先修改密码
   *
   * Change your password first
   */
  | 'PASSWORD_CHANGE_REQUIRED'
  /**
   * 请填写原因
   *
   * A reason is required
   */
  | 'REASON_REQUIRED'
  /**
   * 该事项已被他人处理，请刷新后重试
   *
   * This case was changed by someone else; reload and try again
   */
  | 'STALE_VERSION'
  /**
   * 请先设置双因素认证：税务人员与管理员须以密码加动态验证码登录
   *
   * Set up two-factor authentication first: officers and administrators sign in with a password and a code
   */
  | 'TWO_FACTOR_ENROLMENT_REQUIRED'
  /**
   * 请输入身份验证器中的 6 位动态验证码，或一个恢复码
   *
   * Enter the 6-digit code from your authenticator app, or a recovery code
   */
  | 'TWO_FACTOR_REQUIRED'
  /**
   * 请先登录
   *
   * Please sign in first
   */
  | 'UNAUTHENTICATED'
  /**
   * 填写内容有误，请检查后重新提交
   *
   * Some fields are invalid; please check and submit again
   */
  | 'VALIDATION_FAILED';

/**
 * 输入项问题的代码
 *
 * What is wrong with one input field
 */
export type FieldIssueCode =
  /**
   * 民生行业降低后的标准不能高于一般标准
   *
   * A lowered livelihood threshold cannot exceed the normal one
   */
  | 'ABOVE_NORMAL_THRESHOLD'
  /**
   * 本单位未订阅该能力，不能授权
   *
   * Your unit has not subscribed this capability
   */
  | 'CAPABILITY_NOT_SUBSCRIBED'
  /**
   * 生效日期不能早于今天
   *
   * The effective date cannot be before today
   */
  | 'DATE_IN_PAST'
  /**
   * 此项与已有内容重复
   *
   * This duplicates an existing entry
   */
  | 'DUPLICATE'
  /**
   * 动态验证码或恢复码不正确（验证码每 30 秒更新，每个只能使用一次）
   *
   * The code is not correct (a code changes every 30 seconds and works once; a recovery code works once)
   */
  | 'INCORRECT_ONE_TIME_CODE'
  /**
   * 当前密码不正确
   *
   * The current password is not correct
   */
  | 'INCORRECT_PASSWORD'
  /**
   * 税务机关代码应为以 1 开头的 11 位数字
   *
   * A tax authority code is 11 digits starting with 1
   */
  | 'INVALID_AUTHORITY_CODE'
  /**
   * 不能包含控制字符或不可见字符（如文字方向控制符、零宽字符）
   *
   * Must not contain control or invisible characters (such as direction overrides or zero-width characters)
   */
  | 'INVALID_CHARACTERS'
  /**
   * 格式不正确
   *
   * Invalid format
   */
  | 'INVALID_FORMAT'
  /**
   * 单位关系应为总分公司关系(01)、母子公司关系(02)、其他控制关系(03)或同一监管部门(05)
   *
   * The relationship must be HQ/branch (01), parent/subsidiary (02), other control (03) or same regulator (05)
   */
  | 'INVALID_RELATIONSHIP'
  /**
   * 统一社会信用代码格式不正确
   *
   * Invalid unified social credit code
   */
  | 'INVALID_USCC'
  /**
   * 找不到此项所指的对象
   *
   * What this field refers to was not found
   */
  | 'NOT_FOUND'
  /**
   * 主管税务机关以登记信息为准，不能另选
   *
   * The competent authority is the registered one; it cannot be chosen
   */
  | 'NOT_REGISTERED_AUTHORITY'
  /**
   * 取值超出范围
   *
   * Out of range
   */
  | 'OUT_OF_RANGE'
  /**
   * 不能使用最近用过的密码
   *
   * The password was used recently
   */
  | 'PASSWORD_REUSED'
  /**
   * 此项为必填项
   *
   * This field is required
   */
  | 'REQUIRED'
  /**
   * 不能向该地址推送：内网、本机及保留地址须由平台管理员放行
   *
   * Cannot deliver to this address: private, loopback and reserved addresses must be allowed by the administrator
   */
  | 'TARGET_NOT_ALLOWED'
  /**
   * 内容过长
   *
   * Too long
   */
  | 'TOO_LONG'
  /**
   * 含有未知的事件类型
   *
   * Contains unknown event types
   */
  | 'UNKNOWN_EVENT_TYPE'
  /**
   * 仅支持 PDF、JPG/PNG、DOC/DOCX、XLS/XLSX 文件（按文件内容识别）
   *
   * Only PDF, JPG/PNG, DOC/DOCX and XLS/XLSX files are accepted (recognised by their content)
   */
  | 'UNSUPPORTED_FILE_TYPE'
  /**
   * 密码强度不足
   *
   * The password is too weak
   */
  | 'WEAK_PASSWORD';

/**
 * 邀请失败原因
 *
 * Why one row of an invitation batch failed
 */
export type InvitationRowFailureCode =
  /**
   * 该单位已绑定直连单位，解除绑定前不能再次邀请
   *
   * This unit is already bound to a direct-connect unit and cannot be invited until it is unbound
   */
  | 'ALREADY_BOUND'
  /**
   * 省级税务机关与使用单位所属省份不一致
   *
   * Wrong provincial authority
   */
  | 'AUTHORITY_MISMATCH'
  /**
   * 只能预授权本单位已订阅的能力
   *
   * Only capabilities your unit has subscribed may be pre-authorised
   */
  | 'CAPABILITY_NOT_SUBSCRIBED'
  /**
   * 本单位已不是已接入的直连单位，不能继续邀请
   *
   * Your enterprise is no longer an active direct-connect unit
   */
  | 'DCU_NOT_ACTIVE'
  /**
   * 本单位对该单位的接入邀请正在办理中，请勿重复邀请
   *
   * Your invitation to this unit is already in progress
   */
  | 'DUPLICATE'
  /**
   * 本批次中重复
   *
   * Duplicated in this batch
   */
  | 'DUPLICATE_IN_BATCH'
  /**
   * 省级税务机关代码无效
   *
   * Invalid provincial tax authority code
   */
  | 'INVALID_AUTHORITY_CODE'
  /**
   * 单位关系无效：应为总分公司关系(01)、母子公司关系(02)、其他控制关系(03)或同一监管部门(05)
   *
   * The relationship is not allowed: use HQ/branch (01), parent/subsidiary (02), other control (03) or same regulator (05)
   */
  | 'INVALID_RELATIONSHIP'
  /**
   * 统一社会信用代码格式不正确
   *
   * Invalid unified social credit code
   */
  | 'INVALID_USCC'
  /**
   * 该单位已有其他直连单位发起的接入邀请正在办理中，办结前不能邀请
   *
   * Another direct-connect unit's invitation to this unit is in progress; it cannot be invited until that ends
   */
  | 'INVITED_ELSEWHERE'
  /**
   * 单位名称与登记信息不一致，请核对
   *
   * The name does not match the registry; please check it
   */
  | 'NAME_MISMATCH'
  /**
   * 该单位暂不符合使用单位条件
   *
   * This unit does not currently meet the conditions for a use unit
   */
  | 'NOT_ELIGIBLE'
  /**
   * 请上传单位关系证明材料
   *
   * Relationship proof is required
   */
  | 'PROOF_REQUIRED'
  /**
   * 必填项未填写
   *
   * A required field is empty
   */
  | 'REQUIRED'
  /**
   * 不能邀请本单位作为使用单位
   *
   * A unit cannot invite itself
   */
  | 'SELF_INVITATION'
  /**
   * 未找到该统一社会信用代码对应的纳税人
   *
   * No taxpayer with this unified social credit code is registered
   */
  | 'UNKNOWN_ENTERPRISE';

/**
 * 邀请一个使用单位：邀请信息的一行
 *
 * One use unit to invite: one row of the invitation list
 */
export type InvitationRowInput = {
  /**
   * 能力预授权：本单位已订阅的能力的编码，确认通过后即授权给使用单位；省略或空列表表示不预授权
   *
   * Pre-authorised capabilities: codes of capabilities the DCU has subscribed to, authorised to the use unit once confirmed; omitted or empty for none
   */
  capabilityCodes?: Array<string> | null | undefined;
  /**
   * 使用单位名称，须与登记的名称一致（忽略空白及全角半角差异）
   *
   * Name of the use unit; must match the registered name (ignoring white space and full-width forms)
   */
  name: string;
  /**
   * 11 位省级税务机关代码，须为使用单位所属省份的税务局
   *
   * The 11-digit code of the provincial tax authority; must be that of the use unit’s province
   */
  provinceAuthorityCode: string;
  /**
   * 直连单位与使用单位的单位关系
   *
   * Relationship between the DCU and the use unit
   */
  relationship: Relationship;
  /**
   * 使用单位的统一社会信用代码（18 位），该单位须已在系统登记
   *
   * Unified social credit code (USCC, 18 characters) of the use unit, which must be registered
   */
  uscc: string;
};

/**
 * 接入邀请的接入状态：直连单位邀请后待使用单位响应；使用单位确认邀请后由其主管税务机关受理、确认；确认通过即建立绑定关系，解除绑定后为已解除；直连单位提交退出申请时处理中的邀请自动失效
 *
 * Access status of an invitation: once the direct-connect unit (DCU) invites, it awaits the use unit's response; once the use unit confirms, the use unit's competent tax authority accepts and confirms it; confirmation creates the binding and unbinding ends it; pending invitations are cancelled when the DCU submits an exit application
 */
export type InvitationStatus =
  /**
   * 已失效（接入状态代码 10）
   *
   * Cancelled (official access status code 10)
   */
  | 'CANCELLED'
  /**
   * 确认不通过（接入状态代码 5）
   *
   * Confirmation rejected (official access status code 5)
   */
  | 'CONFIRMATION_REJECTED'
  /**
   * 确认通过（接入状态代码 4）
   *
   * Confirmed (official access status code 4)
   */
  | 'CONFIRMED'
  /**
   * 已拒绝（接入状态代码 8）
   *
   * Declined (official access status code 8)
   */
  | 'DECLINED'
  /**
   * 不予受理（接入状态代码 2）
   *
   * Not accepted (official access status code 2)
   */
  | 'NOT_ACCEPTED'
  /**
   * 待受理（接入状态代码 1）
   *
   * Pending acceptance (official access status code 1)
   */
  | 'PENDING_ACCEPTANCE'
  /**
   * 待确认（接入状态代码 3）
   *
   * Pending confirmation (official access status code 3)
   */
  | 'PENDING_CONFIRMATION'
  /**
   * 待使用单位响应（接入状态代码 0）
   *
   * Awaiting use unit response (official access status code 0)
   */
  | 'PENDING_RESPONSE'
  /**
   * 已解除（接入状态代码 6）
   *
   * Unbound (official access status code 6)
   */
  | 'UNBOUND';

/**
 * 邀请使用单位的输入
 *
 * Input of inviteUseUnits
 */
export type InviteUseUnitsInput = {
  /**
   * 幂等键（最多 200 个字符）：同一键、同一内容的请求不会重复邀请，重发时返回首次的结果；同一键用于不同内容时返回 DUPLICATE
   *
   * Idempotency key (at most 200 characters): the same key with the same body never invites twice and returns the first outcome again; the same key with another body is refused as DUPLICATE
   */
  idempotencyKey?: string | null | undefined;
  /**
   * 要邀请的使用单位，每行一个（至少 1 行；登录用户最多 50 行，API 令牌最多 250 行）
   *
   * The use units to invite, one per row (at least 1; at most 50 signed in, 250 with an API token)
   */
  invitations: Array<InvitationRowInput>;
  /**
   * 本直连单位上传的关联关系证明材料的全局 ID，适用于本批全部行；除同一监管部门且属指定行业的使用单位外必须提供
   *
   * Global IDs of relationship proof materials uploaded by the DCU, for every row of the batch; required unless the relationship is the same regulatory department in a designated sector
   */
  proofMaterialIds?: Array<string | number> | null | undefined;
};

/**
 * 单位关系：使用单位与直连单位的关系，括号内为官方关系代码（代码表中的 00 无关系、04 不具有控制关系不适用于乐企自用）
 *
 * Relationship of a use unit to the direct-connect unit (DCU), with the official relationship code (codes 00 no relationship and 04 no control relationship do not apply to self-use)
 */
export type Relationship =
  /**
   * 总分公司关系（代码 01）
   *
   * Headquarters and branch (code 01)
   */
  | 'HQ_BRANCH'
  /**
   * 其他控制关系（代码 03）
   *
   * Other control relationship (code 03)
   */
  | 'OTHER_CONTROL'
  /**
   * 母子公司关系（代码 02）
   *
   * Parent and subsidiary (code 02)
   */
  | 'PARENT_SUBSIDIARY'
  /**
   * 同一监管部门（代码 05）
   *
   * Same regulatory department (code 05)
   */
  | 'SAME_REGULATOR';

/**
 * 案件类别：接入申请、退出申请、接入邀请、能力订阅申请
 *
 * Kind of a review case: access application, exit application, invitation, capability subscription application
 */
export type ReviewKind =
  /**
   * 接入申请
   *
   * Access application
   */
  | 'ACCESS_APPLICATION'
  /**
   * 能力订阅申请
   *
   * Capability subscription application
   */
  | 'CAPABILITY_SUBSCRIPTION'
  /**
   * 退出申请
   *
   * Exit application
   */
  | 'EXIT_APPLICATION'
  /**
   * 接入邀请
   *
   * Invitation
   */
  | 'INVITATION';

/**
 * 要解除绑定的使用单位：按绑定关系 ID 或按使用单位统一社会信用代码指定，两者可同时使用，合计 1 至 250 个
 *
 * The use units to unbind, by binding ID or by the use unit's USCC (both may be used), 1 to 250 in all
 */
export type UnbindUseUnitsInput = {
  /**
   * 本直连单位的绑定关系的全局 ID
   *
   * Global IDs of bindings of the DCU
   */
  bindingIds?: Array<string | number> | null | undefined;
  /**
   * 与本直连单位已绑定的使用单位的统一社会信用代码
   *
   * USCCs of use units with an ACTIVE binding to the DCU
   */
  usccs?: Array<string> | null | undefined;
};

type Refusal_BaseError_Fragment = { code: ErrorCode, message: string };

type Refusal_ClaimedError_Fragment = { code: ErrorCode, message: string };

type Refusal_NotEligibleError_Fragment = { code: ErrorCode, message: string };

type Refusal_RetryLaterError_Fragment = { code: ErrorCode, message: string };

type Refusal_StaleVersionError_Fragment = { code: ErrorCode, message: string };

type Refusal_ValidationError_Fragment = { code: ErrorCode, message: string, issues: Array<{ field: string, code: FieldIssueCode, message: string }> };

export type RefusalFragment =
  | Refusal_BaseError_Fragment
  | Refusal_ClaimedError_Fragment
  | Refusal_NotEligibleError_Fragment
  | Refusal_RetryLaterError_Fragment
  | Refusal_StaleVersionError_Fragment
  | Refusal_ValidationError_Fragment
;

export type InvitationSummaryFragment = { id: string, status: CaseStatus, officialStatusCode: number, useUnitUscc: string, useUnitName: string, relationshipCode: string, capabilityCodes: Array<string>, lastReason: string | null };

export type InviteUseUnitsMutationVariables = Exact<{
  input: InviteUseUnitsInput;
}>;


export type InviteUseUnitsMutation = { inviteUseUnits:
    | { __typename: 'BaseError', code: ErrorCode, message: string }
    | { __typename: 'InviteUseUnitsSuccess', succeeded: Array<{ id: string, status: CaseStatus, officialStatusCode: number, useUnitUscc: string, useUnitName: string, relationshipCode: string, capabilityCodes: Array<string>, lastReason: string | null }>, failed: Array<{ row: number, uscc: string | null, code: InvitationRowFailureCode, message: string }> }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, issues: Array<{ field: string, code: FieldIssueCode, message: string }> }
   };

export type SentInvitationsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  status?: InvitationStatus | null | undefined;
}>;


export type SentInvitationsQuery = { sentInvitations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: CaseStatus, officialStatusCode: number, useUnitUscc: string, useUnitName: string, relationshipCode: string, capabilityCodes: Array<string>, lastReason: string | null } }> } };

export type UnbindUseUnitsMutationVariables = Exact<{
  input: UnbindUseUnitsInput;
}>;


export type UnbindUseUnitsMutation = { unbindUseUnits:
    | { __typename: 'BaseError', code: ErrorCode, message: string }
    | { __typename: 'UnbindUseUnitsSuccess', unbound: Array<{ id: string, status: BindingStatus, useUnit: { uscc: string } }>, failed: Array<{ uscc: string | null, code: ErrorCode, message: string }> }
    | { __typename: 'ValidationError', code: ErrorCode, message: string, issues: Array<{ field: string, code: FieldIssueCode, message: string }> }
   };

export type FollowCaseEventsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type FollowCaseEventsSubscription = { caseEvents: { cursor: string, caseKind: ReviewKind, caseId: string, event: CaseEventName, fromStatus: CaseStatus | null, toStatus: CaseStatus | null, actorName: string | null, reason: string | null, createdAt: string } };

export const RefusalFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RefusalFragment, unknown>;
export const InvitationSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvitationSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invitation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"officialStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"useUnitUscc"}},{"kind":"Field","name":{"kind":"Name","value":"useUnitName"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"capabilityCodes"}},{"kind":"Field","name":{"kind":"Name","value":"lastReason"}}]}}]} as unknown as DocumentNode<InvitationSummaryFragment, unknown>;
export const InviteUseUnitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InviteUseUnits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InviteUseUnitsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inviteUseUnits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InviteUseUnitsSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"succeeded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvitationSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvitationSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invitation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"officialStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"useUnitUscc"}},{"kind":"Field","name":{"kind":"Name","value":"useUnitName"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"capabilityCodes"}},{"kind":"Field","name":{"kind":"Name","value":"lastReason"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<InviteUseUnitsMutation, InviteUseUnitsMutationVariables>;
export const SentInvitationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SentInvitations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvitationStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sentInvitations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InvitationSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InvitationSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Invitation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"officialStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"useUnitUscc"}},{"kind":"Field","name":{"kind":"Name","value":"useUnitName"}},{"kind":"Field","name":{"kind":"Name","value":"relationshipCode"}},{"kind":"Field","name":{"kind":"Name","value":"capabilityCodes"}},{"kind":"Field","name":{"kind":"Name","value":"lastReason"}}]}}]} as unknown as DocumentNode<SentInvitationsQuery, SentInvitationsQueryVariables>;
export const UnbindUseUnitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnbindUseUnits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnbindUseUnitsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unbindUseUnits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnbindUseUnitsSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unbound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"useUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uscc"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"failed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<UnbindUseUnitsMutation, UnbindUseUnitsMutationVariables>;
export const FollowCaseEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FollowCaseEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"caseKind"}},{"kind":"Field","name":{"kind":"Name","value":"caseId"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<FollowCaseEventsSubscription, FollowCaseEventsSubscriptionVariables>;