import {
  type DomainError,
  decide,
  domainError,
  err,
  ok,
  type Performer,
  type Result,
  type TransitionRule,
  type Workflow,
} from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { Refusal, TRANSACTION_OPTIONS } from '../../platform/db/transaction.ts';
import { expectVersion, writeVersioned } from '../../platform/db/versioned-write.ts';
import { appendCaseEvent, type CaseEventInput, type StoredCaseEvent } from '../../platform/events/audit.ts';
import { endClaimOf } from './claims.ts';

/** What every reviewable case row has. */
interface CaseRow {
  id: string;
  version: number;
  status: string;
  lastDeciderId: string | null;
}

interface TransitionSpec<S extends string, E extends string, R extends CaseRow> {
  workflow: Workflow<S, E>;
  event: E;
  expectedVersion: number;
  reason?: string | null;
  /** loads the case and locks it for the rest of the transaction */
  load(tx: Tx): Promise<R | null>;
  /** the caller's part in this case, or why they have none */
  performerOf(row: R): Performer | DomainError;
  /**
   * writes the new status guarded by `version`: returns the number of rows written (0 = lost race), or the row as
   * written (null = lost race), which then needs no reload
   */
  write(tx: Tx, row: R, rule: TransitionRule<S, E>): Promise<number | R | null>;
  /** further effects of the transition in the same transaction (e.g. the enterprise becomes a DCU); events they append are published with it */
  // biome-ignore lint/suspicious/noConfusingVoidType: effects without consequential events simply return nothing
  effects?(tx: Tx, row: R, rule: TransitionRule<S, E>): Promise<StoredCaseEvent[] | undefined | void>;
  /** the audit event describing it */
  describe(row: R, rule: TransitionRule<S, E>): Omit<CaseEventInput, 'event' | 'fromStatus' | 'toStatus'>;
  reload(tx: Tx, id: string): Promise<R>;
}

/**
 * One transition = one transaction: load with version, ask the domain, write guarded by version,
 * append the audit event, commit; only then publish the event.
 */
export async function runTransition<S extends string, E extends string, R extends CaseRow>(
  app: AppServices,
  viewer: Viewer,
  spec: TransitionSpec<S, E, R>,
): Promise<Result<R>> {
  let events: StoredCaseEvent[] = [];
  try {
    const updated = await app.db.$transaction(async (tx) => {
      const row = await spec.load(tx);
      if (!row) throw new Refusal(domainError('NOT_FOUND'));
      const performer = spec.performerOf(row);
      if (typeof performer !== 'string') throw new Refusal(performer);
      expectVersion(row, spec.expectedVersion);
      const decision = decide(spec.workflow, spec.event, {
        status: row.status as S,
        performer,
        actorUserId: viewer.userId,
        previousDeciderUserId: row.lastDeciderId,
        reason: spec.reason ?? null,
      });
      if (!decision.ok) throw new Refusal(decision.error);
      const rule = decision.value;
      const { caseKind } = spec.describe(row, rule);
      let written: R | null = null;
      await writeVersioned({
        expectedVersion: row.version,
        write: async () => {
          const result = await spec.write(tx, row, rule);
          if (typeof result === 'number') return result;
          written = result;
          return result ? 1 : 0;
        },
        storedVersion: async () => (await spec.reload(tx, row.id)).version,
      });
      // 认领: a case another officer has claimed is theirs to decide until they release it or it lapses; the claim
      // ends with the step either way (a refusal here rolls the write back)
      const claimed = await endClaimOf(tx, caseKind, row, viewer);
      if (claimed) throw new Refusal(claimed);
      const consequences = (await spec.effects?.(tx, row, rule)) ?? [];
      const event = await appendCaseEvent(tx, {
        ...spec.describe(row, rule),
        event: rule.event,
        fromStatus: row.status,
        toStatus: rule.to,
        actorUserId: viewer.userId,
        actorName: viewer.displayName,
        actorRole: viewer.actor.role,
        reason: spec.reason?.trim() || null,
      });
      events = [...consequences, event].sort((a, b) => (a.id < b.id ? -1 : 1));
      return written ?? spec.reload(tx, row.id);
    }, TRANSACTION_OPTIONS);
    await app.bus.publish(events);
    app.metrics?.transitions.inc({ kind: spec.workflow.name, event: spec.event, outcome: 'ok' });
    return ok(updated);
  } catch (error) {
    const outcome = error instanceof Refusal ? error.error.code : 'error';
    app.metrics?.transitions.inc({ kind: spec.workflow.name, event: spec.event, outcome });
    if (error instanceof Refusal) return err(error.error);
    throw error;
  }
}

/**
 * A transition the system makes as a consequence of another (e.g. an exit cancels in-flight applications),
 * inside the caller's transaction. Returns null when the row moved meanwhile (its version changed).
 */
export async function systemTransition<S extends string, E extends string>(
  tx: Tx,
  workflow: Workflow<S, E>,
  row: CaseRow,
  event: E,
  write: (to: S) => Promise<number>,
  describe: Omit<CaseEventInput, 'event' | 'fromStatus' | 'toStatus' | 'reason'> & { reason: string },
): Promise<StoredCaseEvent | null> {
  const decision = decide(workflow, event, { status: row.status as S, performer: 'SYSTEM' });
  if (!decision.ok) return null;
  if ((await write(decision.value.to)) !== 1) return null;
  return appendCaseEvent(tx, {
    ...describe,
    event,
    fromStatus: row.status,
    toStatus: decision.value.to,
    actorName: describe.actorName ?? '系统',
    actorRole: 'SYSTEM',
  });
}
