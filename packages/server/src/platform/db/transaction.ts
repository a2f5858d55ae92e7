// One transaction that may refuse with a typed error and publishes the events it appended only after commit.
import { type DomainError, err, ok, type Result } from '@leqi/domain';
import type { AppServices } from '../context.ts';
import type { StoredCaseEvent } from '../events/audit.ts';
import type { Tx } from './database.ts';

/** Transactions wait for each other under load rather than fail (Prisma's defaults are 2 s / 5 s). */
export const TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 30_000 };

/** Rolls the transaction back while carrying the typed refusal out of it. */
export class Refusal extends Error {
  constructor(readonly error: DomainError) {
    super(error.code);
  }
}

/** Runs `work` in a transaction that may refuse with a typed error; publishes its events after commit. */
export async function inTransaction<T>(
  app: AppServices,
  work: (tx: Tx, emit: (event: StoredCaseEvent) => void) => Promise<T>,
): Promise<Result<T>> {
  const events: StoredCaseEvent[] = [];
  try {
    const value = await app.db.$transaction((tx) => work(tx, (event) => events.push(event)), TRANSACTION_OPTIONS);
    await app.bus.publish(events.sort((a, b) => (a.id < b.id ? -1 : 1)));
    return ok(value);
  } catch (error) {
    if (error instanceof Refusal) return err(error.error);
    throw error;
  }
}
