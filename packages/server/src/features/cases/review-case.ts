import {
  type ActorRole,
  CASE_BLOCK_REASON_LABELS,
  CASE_BLOCK_REASONS,
  type CaseEventName,
  type CaseStatus,
  type Label,
  mayViewCaseEvent,
  REVIEW_KIND_LABELS,
  REVIEW_KINDS,
  REVIEW_STEP_LABELS,
  REVIEW_STEPS,
} from '@leqi/domain';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditEvent, Enterprise } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { type Context, isSignedIn } from '../../platform/context.ts';
import { bilingual, describedEnum } from '../../platform/described-enum.ts';
import { eventCursor } from '../../platform/events/cursor.ts';
import { withClaim } from '../case-claim/overlay.ts';
import { EnterpriseRef } from '../enterprise/schema.ts';
import { caseKindOf, servedCaseKinds } from './index.ts';
import type { CaseAbilities, CaseAction, CaseKind, ReviewCaseShape } from './kind.ts';
import { ActorRoleEnum, CaseEventNameEnum, CaseStatusEnum } from './vocabulary-enums.ts';

export const ReviewKindEnum = describedEnum('ReviewKind', {
  description: {
    zh: '案件类别：接入申请、退出申请、接入邀请、能力订阅申请',
    en: 'Kind of a review case: access application, exit application, invitation, capability subscription application',
  },
  values: REVIEW_KINDS,
  label: (kind) => REVIEW_KIND_LABELS[kind],
});

export const ReviewStepEnum = describedEnum('ReviewStep', {
  description: {
    zh: '审核环节：受理、复核（主管税务机关）、确认（省级税务机关）',
    en: 'Step of a review: acceptance and review (competent local tax authority), confirmation (provincial tax authority)',
  },
  values: REVIEW_STEPS,
  label: (step) => REVIEW_STEP_LABELS[step],
});

/** A kind's case by id for node() and the kind's own query: the case, when the viewer may see it. */
export async function loadCase<Row extends ReviewCaseShape>(
  kind: CaseKind<Row>,
  id: string,
  context: Context,
): Promise<Row | null> {
  if (!isSignedIn(context)) return null;
  const row = await kind.find(context.app.db, id);
  return row && (await kind.canView(context.app.db, context.viewer.actor, row)) ? row : null;
}

/**
 * A kind's GraphQL type: a ReviewCase node (loaded by `loadCase`) with the dates every case row keeps; the kind adds
 * its own fields with `builder.objectFields`.
 */
export function caseNode<Row extends ReviewCaseShape & { createdAt: Date; decidedAt: Date | null }>(
  kind: CaseKind<Row>,
  description: string,
) {
  const label = caseLabel(kind.kind);
  const ref = builder.node(builder.objectRef<Row>(kind.typename), {
    description,
    // the interface's shape is every Row's (Pothos cannot see it through the type parameter)
    interfaces: [ReviewCaseRef] as never,
    id: { resolve: (row) => row.id },
    isTypeOf: (value) => (value as { kind?: string }).kind === kind.kind,
    loadOne: (id, context) => loadCase(kind, id, context),
    fields: (t) => ({
      createdAt: t.field({
        type: 'DateTime',
        description: bilingual({
          zh: `${label.zh}的创建时间`,
          en: `When the ${label.en.toLowerCase()} was created`,
        }),
        resolve: (row) => row.createdAt,
      }),
      decidedAt: t.field({
        type: 'DateTime',
        nullable: true,
        // a finished case may finish again (a confirmed invitation is unbound later): the time of the latest
        description: bilingual({
          zh: `${label.zh}最近一次办结（进入终态）的时间；尚未办结时为 null。已办结的事项再次进入终态（如已确认的邀请被解除绑定）时为后一次的时间，之前的时间见 auditTrail`,
          en: `When the ${label.en.toLowerCase()} last reached a final status; null while it is still open. A finished case that reaches another final status (a confirmed invitation later unbound) shows the later time; the earlier ones are in auditTrail`,
        }),
        resolve: (row) => row.decidedAt,
      }),
    }),
  });
  caseLabels.set(ref, label);
  return ref;
}

/** The words for a kind of case: the domain's, or "案件" for a kind it does not know (a test's own kind). */
function caseLabel(kind: string): Label {
  return (REVIEW_KIND_LABELS as Record<string, Label | undefined>)[kind] ?? { zh: '案件', en: 'Case' };
}

const caseLabels = new WeakMap<object, Label>();
/** The words for the kind of cases a `caseNode` type holds, for the types and fields built around it. */
export function caseLabelOf(ref: object): Label {
  return caseLabels.get(ref) ?? { zh: '案件', en: 'Case' };
}

const memo = new WeakMap<Context, Map<string, Promise<CaseAbilities>>>();
function viewerAbilities(context: Context, row: ReviewCaseShape, info: GraphQLResolveInfo): Promise<CaseAbilities> {
  const perRequest = memo.get(context) ?? new Map<string, Promise<CaseAbilities>>();
  memo.set(context, perRequest);
  const key = `${row.kind}:${row.id}:${row.version}`;
  let abilities = perRequest.get(key);
  if (!abilities) {
    // the kind's table says what the viewer's part allows; a claim by another officer may take it away
    abilities = withClaim(context, row, kindOf(row.kind, info).abilities(context, row));
    perRequest.set(key, abilities);
  }
  return abilities;
}

const CaseBlockReasonEnum = describedEnum('CaseBlockReason', {
  description: {
    zh: '当前用户现在不能办理案件的原因：未登录、无权办理、不属于本人管辖、复核须换人办理、已被他人认领、当前状态下无可办理事项',
    en: 'Why the viewer cannot act on a case now: not signed in, not an officer of the case, not their jurisdiction, four-eyes, claimed by another officer, nothing to decide in its status',
  },
  values: CASE_BLOCK_REASONS,
  label: (reason) => CASE_BLOCK_REASON_LABELS[reason],
});

/** The declared kind of a case, among those of the schema serving the request. */
function kindOf(kind: string, info: GraphQLResolveInfo): CaseKind {
  const found = caseKindOf(kind, servedCaseKinds(info));
  if (!found) throw new Error(`no case kind ${kind}`);
  return found;
}

export const CaseActionRef = builder.objectRef<CaseAction>('CaseAction').implement({
  description:
    '当前用户现在可对案件办理的一项操作（界面上的按钮）\n\nA decision the current viewer may take on the case now (a button of the UI)',
  fields: (t) => ({
    event: t.field({
      type: CaseEventNameEnum,
      description:
        '操作对应的案件事件，如 accept（受理）；办理时调用同名的操作（如 acceptAccessApplication）\n\n' +
        'The case event the decision records, e.g. accept; it is taken with the matching mutation (e.g. acceptAccessApplication)',
      resolve: (action) => action.event as CaseEventName,
    }),
    label: t.exposeString('label', {
      description:
        '按钮文字，使用操作手册的用语，按当前语言（中文或英文）返回\n\nThe button text in the words of the manual, in the viewer’s language (Chinese or English)',
    }),
    needsReason: t.exposeBoolean('needsReason', {
      description:
        '为 true 时须填写原因（不予受理、不通过等），以 CaseDecisionWithReasonInput 提交\n\n' +
        'True when a reason must be given (refusals and rejections), sent with CaseDecisionWithReasonInput',
    }),
  }),
});

const AuditEventRef = builder.node(builder.objectRef<AuditEvent>('AuditEvent'), {
  description:
    '案件历史中的一条记录：谁在何时做了什么，状态如何变化；记录只增不改\n\n' +
    'One entry of a case’s history: who did what and when, and how the status changed; entries are append-only',
  id: { resolve: (event) => event.id.toString() },
  fields: (t) => ({
    cursor: t.string({
      description:
        '此事件在事件流中的位置（十进制数字字符串，随事件流递增），可作为 caseEvents 订阅的 after\n\n' +
        'The event’s place in the event stream (a decimal number as a string, increasing along the stream), usable as `after` of the caseEvents subscription',
      resolve: (event) => eventCursor(event).toString(),
    }),
    event: t.field({
      type: CaseEventNameEnum,
      description: '发生的事件\n\nWhat happened',
      resolve: (event) => event.event as CaseEventName,
    }),
    fromStatus: t.field({
      type: CaseStatusEnum,
      nullable: true,
      description:
        '事件前的案件状态；创建案件的事件（如首次保存草稿、提交）为 null\n\n' +
        'The case’s status before the event; null for the event that created the case (e.g. first draft saved, submission)',
      resolve: (event) => event.fromStatus as CaseStatus,
    }),
    toStatus: t.field({
      type: CaseStatusEnum,
      nullable: true,
      description:
        '事件后的案件状态；认领等不改变状态的事件与 fromStatus 相同\n\n' +
        'The case’s status after the event; the same as fromStatus for events that leave it unchanged, such as claims',
      resolve: (event) => event.toStatus as CaseStatus,
    }),
    actorName: t.exposeString('actorName', {
      nullable: true,
      description:
        '操作人姓名（记录时的显示名）；未记录操作人时为 null\n\n' +
        'Name of who took the action (display name at the time); null when none was recorded',
    }),
    actorRole: t.field({
      type: ActorRoleEnum,
      nullable: true,
      description: '操作人的角色，或系统\n\nRole of who took the action, or SYSTEM',
      resolve: (event) => event.actorRole as ActorRole | null,
    }),
    reason: t.exposeString('reason', {
      nullable: true,
      description:
        '填写的原因（不予受理、不通过、解除绑定等）；事件无原因时为 null\n\n' +
        'The reason given (refusal, rejection, unbinding …); null when the event has none',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: '事件记录的时间\n\nWhen the event was recorded',
    }),
  }),
});

export const ReviewCaseRef = builder.interfaceRef<ReviewCaseShape>('ReviewCase').implement({
  description:
    '由税务机关审核的案件（接入申请、退出申请、接入邀请、能力订阅申请），出现在审核队列中\n\n' +
    'A case reviewed by the tax bureau (access application, exit application, invitation, capability subscription application), as it appears in review queues',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (row, _context, info) => kindOf(row.kind, info).typename,
  fields: (t) => ({
    version: t.exposeInt('version', {
      description:
        '案件版本号，每次变更加 1；办理、认领等操作须以 expectedVersion 传回，版本已变时返回 StaleVersionError\n\n' +
        'Version of the case, incremented by every change; decisions and claims send it back as expectedVersion and get StaleVersionError when it has moved on',
    }),
    status: t.field({
      type: CaseStatusEnum,
      description: '案件状态（该类案件状态表中的状态）\n\nStatus of the case (one of its kind’s state table)',
      resolve: (row) => row.status as CaseStatus,
    }),
    statusLabel: t.string({
      description:
        '状态名称，使用操作手册的用语，按当前语言返回，如“待受理”\n\nThe status’s name in the words of the manual, in the viewer’s language, e.g. Pending acceptance',
      resolve: (row, _args, context, info) => kindOf(row.kind, info).statusLabel(row.status, context.locale),
    }),
    enterprise: t.field({
      type: EnterpriseRef,
      description:
        '案件所涉企业：申请的直连单位；接入邀请为被邀请的使用单位（尚未登记时为发出邀请的直连单位）\n\n' +
        'The enterprise the case concerns: the applying direct-connect unit (DCU); for an invitation, the invited use unit (the inviting DCU while the use unit is not registered)',
      // a queue page joins each row's enterprise (application-page.ts); other rows read it (batched by Prisma)
      resolve: (row, _args, context) =>
        (row as ReviewCaseShape & { enterprise?: Enterprise }).enterprise ??
        context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } }),
    }),
    stepEnteredAt: t.expose('stepEnteredAt', {
      type: 'DateTime',
      description:
        '案件进入当前环节（或当前状态）的时间；等待时长与到期时间由此计算\n\n' +
        'When the case entered its current step (or status); its age and due date are counted from it',
    }),
    submittedAt: t.expose('submittedAt', {
      type: 'DateTime',
      nullable: true,
      description:
        '提交时间（接入邀请为使用单位确认邀请的时间）；尚未提交时为 null\n\n' +
        'When the case was submitted (for an invitation, when the use unit responded); null until then',
    }),
    lastReason: t.exposeString('lastReason', {
      nullable: true,
      description:
        '最近一次不予受理或不通过时填写的原因；其他决定后为 null\n\nReason of the last refusal or rejection; null after any other decision',
    }),
    availableActions: t.field({
      type: [CaseActionRef],
      description:
        '当前用户现在可办理的操作（已考虑管辖、复核换人和认领）；不能办理时为空，原因见 blockedReason\n\n' +
        'The decisions the viewer may take now (jurisdiction, four-eyes and claims considered); empty when none, see blockedReason',
      resolve: async (row, _args, context, info) => (await viewerAbilities(context, row, info)).actions,
    }),
    blockedReason: t.string({
      nullable: true,
      description:
        '当前用户现在不能办理该案件的原因（管辖、复核换人、他人认领、状态），按当前语言返回；可以办理时为 null\n\n' +
        'Why the viewer cannot act on the case now (jurisdiction, four-eyes, claimed by another officer, status), in the viewer’s language; null when they can',
      resolve: async (row, _args, context, info) => (await viewerAbilities(context, row, info)).blockedReason,
    }),
    blockedReasonCode: t.field({
      type: CaseBlockReasonEnum,
      nullable: true,
      description:
        'blockedReason 的代码，供程序判断；可以办理时为 null\n\nThe machine-readable reason of blockedReason; null when the viewer can act',
      resolve: async (row, _args, context, info) => (await viewerAbilities(context, row, info)).blockedReasonCode,
    }),
    auditTrail: t.field({
      type: [AuditEventRef],
      description:
        '当前用户可见的案件历史，按时间先后排列（认领等记录仅税务机关可见）\n\n' +
        'The events of the case the viewer may see, oldest first (claims are the bureau’s own)',
      resolve: async (row, _args, context, info) => {
        const audience = await kindOf(row.kind, info).audience(context.app.db, row);
        const events = await context.app.db.auditEvent.findMany({
          where: { caseKind: row.kind, caseId: row.id },
          orderBy: { id: 'asc' },
        });
        return events.filter((event) => mayViewCaseEvent(context.viewer?.actor, audience, event.event));
      },
    }),
  }),
});
