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
  values: ['HASH_MISMATCH', 'BROKEN_LINK', 'ALGORITHM_DOWNGRADE'] as const,
  label: (problem) =>
    ({
      HASH_MISMATCH: { zh: '记录内容被修改', en: 'An event’s content was changed' },
      BROKEN_LINK: { zh: '记录被插入或删除', en: 'An event was inserted or deleted' },
      ALGORITHM_DOWNGRADE: {
        zh: '链已改用 SM3 后出现 SHA-256 记录（非本系统写入）',
        en: 'A SHA-256 event after the chain switched to SM3 (not written by the application)',
      },
    })[problem],
});

const ChainBreakRef = builder.objectRef<ChainBreak>('AuditChainBreak').implement({
  description:
    '审计链断裂处：校验发现的第一条被篡改、插入或删除的审计记录\n\n' +
    'Where an audit hash chain breaks: the first audit event found altered, inserted or deleted',
  fields: (t) => ({
    eventId: t.exposeString('eventId', {
      description:
        '断裂处审计记录的编号（数据库编号，十进制；不是全局 ID，也不是事件游标）\n\n' +
        'Number of the audit event where the chain breaks (its database id, in decimal; neither a global ID nor an event cursor)',
    }),
    caseKind: t.field({
      type: AuditSubjectKindEnum,
      description: '该审计链所属对象的类别\n\nWhat the broken chain belongs to',
      resolve: (chainBreak) => chainBreak.caseKind as AuditSubjectKind,
    }),
    caseId: t.exposeString('caseId', {
      description:
        '该审计链所属对象（事项等）的数据库编号，不是全局 ID\n\n' +
        'Database id of the case (or other record) the broken chain belongs to, not a global ID',
    }),
    problem: t.field({
      type: AuditChainProblemEnum,
      description: '断裂的方式\n\nHow the chain is broken',
      resolve: (chainBreak) => chainBreak.problem,
    }),
  }),
});

const ChainReportRef = builder.objectRef<ChainReport>('AuditChainReport').implement({
  description:
    '审计链校验结果：按记录顺序重新计算每条审计记录的哈希，遇到第一处断裂即停止\n\n' +
    'The result of an audit chain check: every audit event’s hash recomputed in order, stopping at the first break',
  fields: (t) => ({
    intact: t.exposeBoolean('intact', {
      description: '所校验的审计链是否完整（未发现断裂）\n\nWhether the checked chains are intact (no break found)',
    }),
    checkedEvents: t.exposeInt('checkedEvents', {
      description:
        '已校验的审计记录条数；发现断裂时含断裂处的那一条\n\nNumber of audit events checked; when a break is found, up to and including it',
    }),
    checkedCases: t.exposeInt('checkedCases', {
      description:
        '校验过的审计链（每个事项或对象一条）数量；发现断裂时只计断裂处之前已校验过的\n\n' +
        'Number of audit chains (one per case or other record) checked; when a break is found, those checked before it',
    }),
    firstBreak: t.field({
      type: ChainBreakRef,
      nullable: true,
      description: '第一处断裂；审计链完整时为 null\n\nThe first break; null when the chains are intact',
      resolve: (report) => report.firstBreak,
    }),
  }),
});

builder.queryField('auditIntegrity', (t) =>
  t.field({
    type: ChainReportRef,
    description:
      '审计链校验（仅平台管理员）：重新计算审计记录防篡改哈希链，可限定事项类别或单个事项；不限定时校验全部审计记录\n\n' +
      'Audit chain check (platform administrator only): recomputes the tamper-evident hash chains of the audit trail, ' +
      'for one kind of case or one case when given, for every audit event otherwise',
    authScopes: { admin: true },
    args: {
      caseKind: t.arg({
        type: ReviewKindEnum,
        required: false,
        description: '只校验该类事项的审计链；省略为不限\n\nOnly the chains of this kind of case; omit for any',
      }),
      caseId: t.arg.string({
        required: false,
        description:
          '只校验该事项的审计链，为事项的数据库编号（不是全局 ID）；省略为不限\n\n' +
          'Only the chain of this case, given as its database id (not a global ID); omit for any',
      }),
    },
    resolve: (_root, args, context) =>
      verifyAuditChains(context.app.db, {
        ...(args.caseKind ? { caseKind: args.caseKind } : {}),
        ...(args.caseId ? { caseId: args.caseId } : {}),
      }),
  }),
);
