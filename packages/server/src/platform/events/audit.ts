import { createHash } from 'node:crypto';
import type { Tx } from '../db/database.ts';

/** One fact about a case: what happened, who did it, and who may see it. */
export interface CaseEventInput {
  caseKind: string;
  caseId: string;
  event: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  actorUserId?: string | null;
  actorName?: string | null;
  actorRole?: string | null;
  reason?: string | null;
  payload?: Record<string, unknown>;
  /** the enterprise whose case it is, and for invitations the other party */
  enterpriseId?: string | null;
  otherEnterpriseId?: string | null;
  /** competent authority and province deciding the case: officers there may see the event */
  authorityCode?: string | null;
  provinceCode?: string | null;
}

export interface StoredCaseEvent extends Required<Omit<CaseEventInput, 'payload'>> {
  id: bigint;
  payload: Record<string, unknown>;
  createdAt: Date;
  hash: string;
  prevHash: string | null;
}

const HASHED_FIELDS = [
  'caseKind',
  'caseId',
  'event',
  'fromStatus',
  'toStatus',
  'actorUserId',
  'actorName',
  'actorRole',
  'reason',
  'payload',
  'enterpriseId',
  'otherEnterpriseId',
  'authorityCode',
  'provinceCode',
] as const;

export function eventHash(
  prevHash: string | null,
  event: Record<(typeof HASHED_FIELDS)[number], unknown>,
  createdAt: Date,
): string {
  const canonical = JSON.stringify([
    prevHash,
    createdAt.toISOString(),
    ...HASHED_FIELDS.map((field) => event[field] ?? null),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends an audit event inside the transition's transaction; each case's events form a hash chain. */
export async function appendCaseEvent(tx: Tx, input: CaseEventInput): Promise<StoredCaseEvent> {
  // Serialises event appends until commit, so cursors become visible in increasing order and a
  // subscriber resuming from its last cursor can never skip an event committed late.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7428100)`;
  const previous = await tx.auditEvent.findFirst({
    where: { caseKind: input.caseKind, caseId: input.caseId },
    orderBy: { id: 'desc' },
    select: { hash: true },
  });
  const prevHash = previous?.hash ?? null;
  const createdAt = new Date();
  const data = {
    caseKind: input.caseKind,
    caseId: input.caseId,
    event: input.event,
    fromStatus: input.fromStatus ?? null,
    toStatus: input.toStatus ?? null,
    actorUserId: input.actorUserId ?? null,
    actorName: input.actorName ?? null,
    actorRole: input.actorRole ?? null,
    reason: input.reason ?? null,
    payload: (input.payload ?? {}) as object,
    enterpriseId: input.enterpriseId ?? null,
    otherEnterpriseId: input.otherEnterpriseId ?? null,
    authorityCode: input.authorityCode ?? null,
    provinceCode: input.provinceCode ?? null,
  };
  const row = await tx.auditEvent.create({
    data: { ...data, createdAt, prevHash, hash: eventHash(prevHash, data, createdAt) },
  });
  return row as unknown as StoredCaseEvent;
}
