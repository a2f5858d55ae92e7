// 乐观锁: the one versioned write every edit goes through (case decisions, drafts, unbinding, claims, admin edits).
import { type DomainError, domainError } from '@leqi/domain';
import { Refusal } from './transaction.ts';

/** Added to a write's data: every versioned write moves the version on by one. */
export const NEXT_VERSION = { version: { increment: 1 } } as const;

/** Refuses with STALE_VERSION unless the row read is the version the caller saw. */
export function expectVersion(row: { version: number }, expectedVersion: number): void {
  if (row.version !== expectedVersion) throw staleVersion(row.version);
}

interface VersionedWrite {
  /** the version the caller saw (and the row read had) */
  expectedVersion: number;
  /** writes guarded by `where.version` (data including NEXT_VERSION); returns the rows written */
  write(where: { version: number }): Promise<{ count: number } | number>;
  /** the version stored now, read again after a lost race */
  storedVersion(): Promise<number>;
}

/**
 * Writes only while the row still has `expectedVersion`. A lost race (0 rows written) is STALE_VERSION carrying the
 * version stored now — read again, never guessed.
 */
export async function writeVersioned(spec: VersionedWrite): Promise<void> {
  const written = await spec.write({ version: spec.expectedVersion });
  if ((typeof written === 'number' ? written : written.count) === 1) return;
  throw staleVersion(await spec.storedVersion());
}

/** STALE_VERSION, carrying the version stored now. */
export function staleVersionError(currentVersion: number): DomainError {
  return domainError('STALE_VERSION', { currentVersion });
}

function staleVersion(currentVersion: number): Refusal {
  return new Refusal(staleVersionError(currentVersion));
}
