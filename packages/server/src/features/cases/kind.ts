// A case kind (接入申请, 使用单位邀请, 退出申请, 能力订阅 …) declared once: every other part — the ReviewCase
// interface, queues, claims, material access, replay and the decision mutations — reads this declaration.
import type {
  Actor,
  AnyWorkflow,
  CaseAudience,
  CaseBlockReason,
  DomainError,
  Locale,
  Performer,
  ReviewKind,
  TransitionRule,
} from '@leqi/domain';
import type { Context, Viewer } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { CaseEventInput } from '../../platform/events/audit.ts';
import type { CaseJurisdiction } from '../review-queue/queue-page.ts';
import type { QueueProvider } from '../review-queue/service.ts';
import { caseAbilities } from './abilities.ts';
import { type DecisionColumns, decisionColumns } from './bureau-case.ts';

/** What a case row must offer to appear in a queue; each kind adapts its row to this. */
export interface ReviewCaseShape {
  kind: ReviewKind;
  id: string;
  version: number;
  status: string;
  enterpriseId: string;
  stepEnteredAt: Date;
  submittedAt: Date | null;
  lastReason: string | null;
  lastDeciderId: string | null;
}

export interface CaseAction {
  event: string;
  label: string;
  needsReason: boolean;
}

/** Per-viewer view of one case, computed from its kind's table: what they may do, or why not. */
export interface CaseAbilities {
  actions: CaseAction[];
  blockedReason: string | null;
  blockedReasonCode: CaseBlockReason | null;
}

/** Where a case's audit event goes and who may see it (the event's own fields are added by the transition). */
export type CaseEventAudience = Omit<CaseEventInput, 'event' | 'fromStatus' | 'toStatus'>;

/** One case kind as its area declares it; `Row` is the kind's row adapted to a review case. */
export interface CaseKindSpec<Row extends ReviewCaseShape> {
  kind: Row['kind'];
  /** the GraphQL object type of its cases */
  typename: string;
  /** the table its rows live in (for row locks taken by claims) */
  table: string;
  workflow: AnyWorkflow;
  /**
   * Events of the table that are never offered as a case action nor make a case claimable: they are taken elsewhere
   * (the enterprise's own form saves a draft, creating the case submits it, unbinding is offered on the binding).
   */
  hiddenEvents: readonly string[];
  /** one row in, adapted to a review case; null when there is none */
  find(db: Db | Tx, id: string): Promise<Row | null>;
  /** the caller's part in the case, or why they have none */
  performerOf(actor: Actor, row: Row): Performer | DomainError;
  /** who the case concerns — the rule its node(), its events and its materials follow */
  audience(db: Db | Tx, row: Row): CaseAudience | Promise<CaseAudience>;
  /** whether the actor may see the case (and so the materials attached to it) */
  canView(db: Db | Tx, actor: Actor, row: Row): boolean | Promise<boolean>;
  /** the competent (local) authority deciding it: its officers, and its province as supervisor */
  authorityOf(row: Row): string | null;
  /** the same in its table's columns: queues, their counts and the bureau dashboard select with it */
  jurisdiction: CaseJurisdiction;
  /** its bureau queue: which rows, in the officer's jurisdiction, in the asked order */
  queue: QueueProvider;
  /** every case's stored status, for the audit replay */
  storedStatuses(db: Db): Promise<{ id: string; status: string }[]>;
  /** loads the case for a decision, locked for the rest of the transaction (default: `find`) */
  lock?(tx: Tx, id: string): Promise<Row | null>;
  /**
   * The table its decisions are written to (`decisionRows` of its Prisma delegate): every decision writes the same
   * columns (`decisionColumns`) guarded by the version read, and a lost race is STALE_VERSION with the version
   * stored now.
   */
  rows?(tx: Tx): DecisionRows<Row>;
  /** columns of its own a decision writes besides the shared ones (e.g. an invitation's uniqueness key) */
  decisionColumns?(row: Row, rule: TransitionRule<string, string>): Record<string, unknown>;
  /**
   * Instead of `rows`, for a kind not stored through Prisma (a test's toy kind) or not yet declaring `rows`:
   * writes the decision guarded by `row.version`; returns the rows written (0 = a lost race), and the case is read
   * again.
   */
  writeDecision?(
    tx: Tx,
    row: Row,
    rule: TransitionRule<string, string>,
    decider: Viewer,
    reason: string | null | undefined,
  ): Promise<number>;
  /** who the case's events go to: the audience columns every event of it is written with */
  eventAudience(row: Row): CaseEventAudience;
}

/** A decision written: the case as stored now, or null when its version had moved on (a lost race). */
type DecisionWrite<Row> = (
  tx: Tx,
  row: Row,
  rule: TransitionRule<string, string>,
  decider: Viewer,
  reason: string | null | undefined,
) => Promise<Row | null>;

/** A case table's versioned decision write: the row as written, or null when the version had moved on. */
export interface DecisionRows<Row> {
  write(where: { id: string; version: number }, data: DecisionColumns): Promise<Row | null>;
}

/** What `decisionRows` needs of a case table's Prisma delegate. */
export interface UpdatingAndReturning<Stored> {
  updateManyAndReturn(args: { where: { id: string; version: number }; data: DecisionColumns }): Promise<Stored[]>;
}

/**
 * A case table as decision rows: one `UPDATE … WHERE id AND version RETURNING` (Prisma's `updateManyAndReturn`)
 * gives the row as written, adapted to the kind's case row by `asCase` — no read after the write.
 */
export function decisionRows<Stored, Row>(
  delegate: UpdatingAndReturning<Stored>,
  asCase: (row: Stored) => Row,
): DecisionRows<Row> {
  return {
    write: async (where, data) => {
      const [written] = await delegate.updateManyAndReturn({ where, data });
      return written === undefined ? null : asCase(written);
    },
  };
}

/** A declared case kind, with what every kind derives from its table. */
export interface CaseKind<Row extends ReviewCaseShape = ReviewCaseShape>
  extends Omit<CaseKindSpec<Row>, 'writeDecision'> {
  lock(tx: Tx, id: string): Promise<Row | null>;
  /** writes the decision guarded by `row.version`: the case as stored now, or null (a lost race) */
  writeDecision(
    tx: Tx,
    row: Row,
    rule: TransitionRule<string, string>,
    decider: Viewer,
    reason: string | null | undefined,
  ): Promise<Row | null>;
  statusLabel(status: string, locale: Locale): string;
  abilities(context: Context, row: Row): CaseAbilities;
}

/** A status in the viewer's language, from the workflow table. */
export function statusLabelOf(workflow: AnyWorkflow, status: string, locale: Locale): string {
  const info = workflow.statusInfo[status];
  return info ? (locale === 'en' ? info.en : info.zh) : status;
}

/**
 * Declares a case kind. The result is typed by the kind's own row for its area and is listed, as any review case,
 * in `CASE_KINDS` (features/cases/index.ts).
 */
export function defineCaseKind<Row extends ReviewCaseShape>(spec: CaseKindSpec<Row>): CaseKind<Row> {
  return {
    lock: (tx, id) => spec.find(tx, id),
    ...spec,
    writeDecision: versionedDecisionWrite(spec),
    statusLabel: (status, locale) => statusLabelOf(spec.workflow, status, locale),
    abilities: (context, row) =>
      caseAbilities(spec.workflow, context, row, (viewer) => spec.performerOf(viewer.actor, row), spec.hiddenEvents),
  };
}

/** The one decision write of every kind declaring `rows`: the shared columns and its own, guarded by the version. */
function versionedDecisionWrite<Row extends ReviewCaseShape>(spec: CaseKindSpec<Row>): DecisionWrite<Row> {
  const { rows, writeDecision } = spec;
  if (writeDecision) {
    return async (tx, row, rule, decider, reason) =>
      (await writeDecision(tx, row, rule, decider, reason)) === 1 ? spec.find(tx, row.id) : null;
  }
  if (!rows) throw new Error(`case kind ${spec.kind}: declare rows (its table) or writeDecision`);
  return (tx, row, rule, decider, reason) =>
    rows(tx).write(
      { id: row.id, version: row.version },
      { ...decisionColumns(spec.workflow, rule, decider.userId, reason), ...spec.decisionColumns?.(row, rule) },
    );
}
