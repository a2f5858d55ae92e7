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
import type { AppServices, Context, Viewer } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { CaseEventInput, StoredCaseEvent } from '../../platform/events/audit.ts';
import type { QueuePage, QueueRequest } from '../review-queue/service.ts';
import { caseAbilities } from './abilities.ts';

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
  /** its bureau queue: which rows, in the officer's jurisdiction, in the asked order */
  queue(app: AppServices, viewer: Viewer, request: QueueRequest): Promise<QueuePage>;
  /** every case's stored status, for the audit replay */
  storedStatuses(db: Db): Promise<{ id: string; status: string }[]>;
  /** loads the case for a decision, locked for the rest of the transaction (default: `find`) */
  lock?(tx: Tx, id: string): Promise<Row | null>;
  /** writes a decision's new status guarded by `version`; returns the rows written (0 = a lost race) */
  writeDecision(
    tx: Tx,
    row: Row,
    rule: TransitionRule<string, string>,
    decider: Viewer,
    reason: string | null | undefined,
  ): Promise<number>;
  /** what a decision does besides the status (the enterprise becomes a DCU, a binding is created …) */
  effects?(tx: Tx, row: Row, rule: TransitionRule<string, string>): Promise<StoredCaseEvent[] | undefined>;
  /** who the case's events go to: the audience columns every event of it is written with */
  eventAudience(row: Row): CaseEventAudience;
}

/** A declared case kind, with what every kind derives from its table. */
export interface CaseKind<Row extends ReviewCaseShape = ReviewCaseShape> extends CaseKindSpec<Row> {
  lock(tx: Tx, id: string): Promise<Row | null>;
  effects(tx: Tx, row: Row, rule: TransitionRule<string, string>): Promise<StoredCaseEvent[] | undefined>;
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
    effects: async () => undefined,
    ...spec,
    statusLabel: (status, locale) => statusLabelOf(spec.workflow, status, locale),
    abilities: (context, row) =>
      caseAbilities(spec.workflow, context, row, (viewer) => spec.performerOf(viewer.actor, row), spec.hiddenEvents),
  };
}
