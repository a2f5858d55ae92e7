// 审计链校验: anyone may ask whether the hash chains are intact; the platform admin for every case, an
// officer or enterprise for one case it can see (the case's own audit trail is already visible to them).
import { builder } from '../../platform/builder.ts';
import { type ChainBreak, type ChainReport, verifyAuditChains } from '../../platform/events/verify.ts';
import { ReviewKindEnum } from '../cases/review-case.ts';

const ChainBreakRef = builder.objectRef<ChainBreak>('AuditChainBreak').implement({
  fields: (t) => ({
    eventId: t.exposeString('eventId', { description: 'cursor of the first altered event' }),
    caseKind: t.exposeString('caseKind'),
    caseId: t.exposeString('caseId'),
    problem: t.exposeString('problem', {
      description: 'HASH_MISMATCH (content changed) or BROKEN_LINK (event inserted or deleted)',
    }),
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
