// API tokens of a DCU's own system: 使用单位管理 only (DESIGN §2, §3.2). Shown once, stored hashed.
import { domainError, err, type FieldIssue, ok, type Result, type SecurityEvent } from '@leqi/domain';
import type { ApiToken } from '../../generated/prisma/client.ts';
import { newSecretToken } from '../../platform/auth/tokens.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { newestFirstPage, type Page } from '../../platform/paging.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { securityActor, securityEventInput } from '../security-log/record.ts';

const MAX_NAME = 100;
const MAX_EXPIRY_DAYS = 3650;
/** Shown in lists so an operator can tell tokens apart: `lqk_` and the first characters of the secret. */
const PREFIX_LENGTH = 12;

/** The enterprise of an operator of an ACTIVE DCU; tokens are theirs to manage. */
async function dcuOfOperator(app: AppServices, viewer: Viewer): Promise<Result<string>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  const enterprise = await app.db.enterprise.findUnique({ where: { id: actor.enterpriseId } });
  if (enterprise?.dcuStatus !== 'ACTIVE') return err(domainError('FORBIDDEN'));
  return ok(enterprise.id);
}

/** The caller's address, for the security log's record of token creation and revocation. */
type Where = { clientAddress: string | null };

export async function createApiToken(
  app: AppServices,
  viewer: Viewer,
  input: { name: string; expiresInDays?: number | null },
  { clientAddress }: Where = { clientAddress: null },
): Promise<Result<{ token: string; apiToken: ApiToken }>> {
  const dcu = await dcuOfOperator(app, viewer);
  if (!dcu.ok) return dcu;
  const name = stripControlCharacters(input.name).trim();
  const days = input.expiresInDays;
  const issue: FieldIssue | null = !name
    ? { field: 'name', code: 'REQUIRED' }
    : name.length > MAX_NAME
      ? { field: 'name', code: 'TOO_LONG', params: { max: MAX_NAME } }
      : days != null && (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS)
        ? { field: 'expiresInDays', code: 'OUT_OF_RANGE', params: { min: 1, max: MAX_EXPIRY_DAYS } }
        : null;
  if (issue) return err(domainError('VALIDATION_FAILED', {}, [issue]));
  const { token, hash } = newSecretToken('lqk');
  return inTransaction(app, async (tx, emit) => {
    const apiToken = await tx.apiToken.create({
      data: {
        enterpriseId: dcu.value,
        name,
        prefix: token.slice(0, PREFIX_LENGTH),
        tokenHash: hash,
        createdById: viewer.userId,
        expiresAt: days != null ? new Date(Date.now() + days * 86_400_000) : null,
      },
    });
    emit(await appendCaseEvent(tx, tokenEvent('apiTokenCreated', viewer, apiToken, clientAddress)));
    return { token, apiToken };
  });
}

function tokenEvent(event: SecurityEvent, viewer: Viewer, token: ApiToken, address: string | null) {
  return securityEventInput({
    event,
    username: viewer.username,
    outcome: 'SUCCESS',
    address,
    actor: securityActor(viewer),
    object: `${token.name} (${token.prefix}…)`,
  });
}

export async function revokeApiToken(
  app: AppServices,
  viewer: Viewer,
  id: string,
  { clientAddress }: Where = { clientAddress: null },
): Promise<Result<ApiToken>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  const existing = await app.db.apiToken.findUnique({ where: { id } });
  if (!existing || existing.enterpriseId !== actor.enterpriseId) return err(domainError('NOT_FOUND'));
  if (existing.revokedAt) return ok(existing);
  const revoked = await inTransaction(app, async (tx, emit) => {
    const token = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    emit(await appendCaseEvent(tx, tokenEvent('apiTokenRevoked', viewer, token, clientAddress)));
    return token;
  });
  if (!revoked.ok) return revoked;
  // on every instance before answering
  await app.signedIn?.revoke({ tokenHash: existing.tokenHash });
  return revoked;
}

export async function listApiTokens(
  app: AppServices,
  viewer: Viewer,
  request: { first?: number | null; after?: string | null },
): Promise<Result<Page<ApiToken>>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  return newestFirstPage(app.db.apiToken, { enterpriseId: actor.enterpriseId }, request);
}
