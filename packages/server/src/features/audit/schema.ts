// 审计链校验: anyone may ask whether the hash chains are intact; the platform admin for every case, an
// officer or enterprise for one case it can see (the case's own audit trail is already visible to them).
import { AUDIT_SUBJECT_KIND_LABELS, AUDIT_SUBJECT_KINDS, type AuditSubjectKind } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { type ChainBreak, type ChainReport, verifyAuditChains } from '../../platform/events/verify.ts';
import { ReviewKindEnum } from '../cases/review-case.ts';

export const AuditSubjectKindEnum = describedEnum('AuditSubjectKind', {
  description: { zh: '审计记录所属对象的类别', en: 'What an audit trail belongs to' },
  values: AUDIT_SUBJECT_KINDS,
  label: (kind) => AUDIT_SUBJECT_KIND_LABELS[kind],
});

const AuditChainProblemEnum = describedEnum('AuditChainProblem', {
  description: { zh: '审计链断裂的方式', en: 'How an audit hash chain is broken' },
  values: ['HASH_MISMATCH', 'BROKEN_LINK'] as const,
  label: (problem) =>
    problem === 'HASH_MISMATCH'
      ? { zh: '记录内容被修改', en: 'An event’s content was changed' }
      : { zh: '记录被插入或删除', en: 'An event was inserted or deleted' },
});

const ChainBreakRef = builder.objectRef<ChainBreak>('AuditChainBreak').implement({
  fields: (t) => ({
    eventId: t.exposeString('eventId', { description: 'cursor of the first altered event' }),
    caseKind: t.field({ type: AuditSubjectKindEnum, resolve: (chainBreak) => chainBreak.caseKind as AuditSubjectKind }),
    caseId: t.exposeString('caseId'),
    problem: t.field({ type: AuditChainProblemEnum, resolve: (chainBreak) => chainBreak.problem }),
  }),
});

const ChainReportRef = builder.objectRef<ChainReport>('AuditChainReport').implement({
  fields: (t) => ({
    intact: t.exposeBoolean('intact'),
    checkedEvents: t.exposeInt('checkedEvents'),
    checkedCases: t.exposeInt('checkedCases'),
    firstBreak: t.field({ type: ChainBreakRef, nullable: true, resolve: (report) => report.firstBreak }),
  }),
});

builder.queryField('auditIntegrity', (t) =>
  t.field({
    type: ChainReportRef,
    description: '审计链校验: recomputes the tamper-evident hash chains of the audit trail (platform admin)',
    authScopes: { admin: true },
    args: { caseKind: t.arg({ type: ReviewKindEnum, required: false }), caseId: t.arg.string({ required: false }) },
    resolve: (_root, args, context) =>
      verifyAuditChains(context.app.db, {
        ...(args.caseKind ? { caseKind: args.caseKind } : {}),
        ...(args.caseId ? { caseId: args.caseId } : {}),
      }),
  }),
);
