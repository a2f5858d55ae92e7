// Webhook endpoints of a direct-connect unit (issue 21), managed by its legal representative or finance manager and
// by its API tokens: created with a secret shown once, changed, paused and resumed, secrets rotated, deliveries sent
// again, the stream replayed from a cursor or a date. Delivery itself is delivery.ts.
import {
  canManageWebhooks,
  checkEventTypeFilter,
  checkWebhookUrl,
  domainError,
  err,
  type FieldIssue,
  isIpAddress,
  MAX_WEBHOOK_DESCRIPTION,
  MAX_WEBHOOK_ENDPOINTS,
  ok,
  type Result,
  targetAllowed,
  WEBHOOK_SECRET_OVERLAP_MS,
} from '@leqi/domain';
import type { WebhookDelivery, WebhookEndpoint } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { deliverableEnd, ID_RANGE, parseClientCursor } from '../../platform/events/cursor.ts';
import { newestFirstPage, type Page } from '../../platform/paging.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { newWebhookSecret } from '../../platform/webhooks/signature.ts';

export interface EndpointFields {
  url?: string | null;
  description?: string | null;
  eventTypes?: readonly string[] | null;
  /** sign with HMAC-SM3 as well (国密) */
  signWithSm3?: boolean | null;
}

const refuse = (code: 'FORBIDDEN' | 'IDENTITY_NOT_ALLOWED' | 'NOT_FOUND' | 'STALE_VERSION' | 'LIMIT_EXCEEDED') =>
  err(domainError(code));
const invalid = (issues: FieldIssue[]) => err(domainError('VALIDATION_FAILED', {}, issues));

/**
 * The enterprise whose endpoints the viewer manages: an ACTIVE direct-connect unit's legal representative or
 * finance manager, or one of its API tokens.
 */
async function ownerEnterprise(app: AppServices, viewer: Viewer): Promise<Result<string>> {
  const actor = viewer.actor;
  if (actor.role === 'ENTERPRISE' && !canManageWebhooks(actor.identityType)) return refuse('IDENTITY_NOT_ALLOWED');
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return refuse('FORBIDDEN');
  const enterprise = await app.db.enterprise.findUnique({
    where: { id: actor.enterpriseId },
    select: { id: true, dcuStatus: true },
  });
  return enterprise?.dcuStatus === 'ACTIVE' ? ok(enterprise.id) : refuse('FORBIDDEN');
}

/** An endpoint of the viewer's enterprise; another enterprise's is NOT_FOUND, as if it did not exist. */
async function ownEndpoint(app: AppServices, viewer: Viewer, id: string): Promise<Result<WebhookEndpoint>> {
  const owner = await ownerEnterprise(app, viewer);
  if (!owner.ok) return owner;
  const endpoint = await app.db.webhookEndpoint.findUnique({ where: { id } });
  return endpoint && endpoint.enterpriseId === owner.value ? ok(endpoint) : refuse('NOT_FOUND');
}

/**
 * Whether the target may be used at all: an address literal (or localhost) is judged now, against the same policy as
 * every attempt; a name is judged at each attempt, on what it resolves to then.
 */
function targetIssue(app: AppServices, host: string): FieldIssue | null {
  const literal = isIpAddress(host)
    ? [host]
    : host === 'localhost' || host.endsWith('.localhost')
      ? ['127.0.0.1']
      : null;
  if (!literal) return null;
  const policy = { allowed: app.config.webhooks.allowedHosts, allowLoopback: app.config.webhooks.allowLoopback };
  return targetAllowed(host, literal, policy) ? null : { field: 'url', code: 'TARGET_NOT_ALLOWED', params: { host } };
}

/** The fields as stored, or what is wrong with them; `required`: a new endpoint must name its url. */
function checkFields(
  app: AppServices,
  fields: EndpointFields,
  required: boolean,
): Result<{ url?: string; description?: string; eventTypes?: string[] }> {
  const issues: FieldIssue[] = [];
  const checked: { url?: string; description?: string; eventTypes?: string[] } = {};
  if (fields.url != null || required) {
    const text = (fields.url ?? '').trim();
    const url = checkWebhookUrl(text);
    if (!text) issues.push({ field: 'url', code: 'REQUIRED' });
    else if (!url.ok)
      issues.push(
        url.problem === 'TOO_LONG'
          ? { field: 'url', code: 'TOO_LONG', params: { max: 2048 } }
          : { field: 'url', code: 'INVALID_FORMAT' },
      );
    else {
      const problem = targetIssue(app, url.target.host);
      if (problem) issues.push(problem);
      else checked.url = url.target.url;
    }
  }
  if (fields.description != null) {
    const description = stripControlCharacters(fields.description).trim();
    if (description.length > MAX_WEBHOOK_DESCRIPTION)
      issues.push({ field: 'description', code: 'TOO_LONG', params: { max: MAX_WEBHOOK_DESCRIPTION } });
    else checked.description = description;
  }
  if (fields.eventTypes != null) {
    const filter = checkEventTypeFilter(fields.eventTypes);
    if (!filter.ok)
      issues.push({ field: 'eventTypes', code: 'UNKNOWN_EVENT_TYPE', params: { types: filter.unknown.join(', ') } });
    else checked.eventTypes = filter.types;
  }
  return issues.length > 0 ? invalid(issues) : ok(checked);
}

/** A cursor as the endpoint's two columns. */
const cursorColumns = (cursor: bigint) => ({ cursorXid: cursor / ID_RANGE, cursorId: cursor % ID_RANGE });

export async function createWebhookEndpoint(
  app: AppServices,
  viewer: Viewer,
  input: EndpointFields,
): Promise<Result<{ endpoint: WebhookEndpoint; secret: string }>> {
  const owner = await ownerEnterprise(app, viewer);
  if (!owner.ok) return owner;
  const fields = checkFields(app, input, true);
  if (!fields.ok) return fields;
  if ((await app.db.webhookEndpoint.count({ where: { enterpriseId: owner.value } })) >= MAX_WEBHOOK_ENDPOINTS)
    return refuse('LIMIT_EXCEEDED');
  const secret = newWebhookSecret();
  // from now on: the events already delivered elsewhere are there to replay, not to send unasked
  const endpoint = await app.db.webhookEndpoint.create({
    data: {
      enterpriseId: owner.value,
      url: fields.value.url as string,
      description: fields.value.description ?? '',
      eventTypes: fields.value.eventTypes ?? [],
      signWithSm3: input.signWithSm3 ?? false,
      secret,
      ...cursorColumns(await deliverableEnd(app.db)),
    },
  });
  return ok({ endpoint, secret });
}

export async function updateWebhookEndpoint(
  app: AppServices,
  viewer: Viewer,
  input: EndpointFields & { id: string; expectedVersion: number; enabled?: boolean | null },
): Promise<Result<WebhookEndpoint>> {
  const existing = await ownEndpoint(app, viewer, input.id);
  if (!existing.ok) return existing;
  const fields = checkFields(app, input, false);
  if (!fields.ok) return fields;
  const status = input.enabled == null ? undefined : input.enabled ? 'ENABLED' : 'DISABLED';
  const changed = await app.db.webhookEndpoint.updateMany({
    where: { id: input.id, version: input.expectedVersion },
    data: {
      ...fields.value,
      ...(input.signWithSm3 == null ? {} : { signWithSm3: input.signWithSm3 }),
      ...(status && status !== existing.value.status
        ? { status, disabledReason: status === 'DISABLED' ? 'BY_OWNER' : null }
        : {}),
      version: { increment: 1 },
    },
  });
  if (changed.count === 0) return refuse('STALE_VERSION');
  return ok(await app.db.webhookEndpoint.findUniqueOrThrow({ where: { id: input.id } }));
}

/** A new secret; the old one still signs alongside it for WEBHOOK_SECRET_OVERLAP_MS, so receivers can switch over. */
export async function rotateWebhookEndpointSecret(
  app: AppServices,
  viewer: Viewer,
  id: string,
): Promise<Result<{ endpoint: WebhookEndpoint; secret: string }>> {
  const existing = await ownEndpoint(app, viewer, id);
  if (!existing.ok) return existing;
  const secret = newWebhookSecret();
  const endpoint = await app.db.webhookEndpoint.update({
    where: { id },
    data: {
      secret,
      previousSecret: existing.value.secret,
      previousSecretUntil: new Date(Date.now() + WEBHOOK_SECRET_OVERLAP_MS),
      version: { increment: 1 },
    },
  });
  return ok({ endpoint, secret });
}

export async function deleteWebhookEndpoint(app: AppServices, viewer: Viewer, id: string): Promise<Result<string>> {
  const existing = await ownEndpoint(app, viewer, id);
  if (!existing.ok) return existing;
  // its deliveries go with it (onDelete: Cascade); a pass holding its lease finds it gone and stops
  await app.db.webhookEndpoint.deleteMany({ where: { id } });
  return ok(id);
}

/** Sends a delivery again from the first attempt, with the same webhook-id, in its place in the stream. */
export async function redeliverWebhook(
  app: AppServices,
  viewer: Viewer,
  deliveryId: string,
): Promise<Result<WebhookDelivery>> {
  const delivery = await app.db.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery) return refuse('NOT_FOUND');
  const endpoint = await ownEndpoint(app, viewer, delivery.endpointId);
  if (!endpoint.ok) return endpoint;
  return ok(
    await app.db.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: new Date(), deliveredAt: null },
    }),
  );
}

/**
 * Moves the endpoint's cursor back (or forward) so that every wanted event after `after` — or from `since` on — is
 * delivered again, in order, each with its delivery's webhook-id.
 */
export async function replayWebhookEndpoint(
  app: AppServices,
  viewer: Viewer,
  input: { endpointId: string; after?: string | null; since?: Date | null },
): Promise<Result<WebhookEndpoint>> {
  const existing = await ownEndpoint(app, viewer, input.endpointId);
  if (!existing.ok) return existing;
  if ((input.after == null) === (input.since == null))
    return invalid([{ field: input.after == null ? 'after' : 'since', code: 'REQUIRED' }]);
  let cursor: bigint;
  if (input.after != null) {
    const parsed = parseClientCursor(input.after);
    if (parsed === null || parsed === 'invalid') return invalid([{ field: 'after', code: 'INVALID_FORMAT' }]);
    cursor = parsed;
  } else {
    const first = await app.db.auditEvent.findFirst({
      where: { createdAt: { gte: input.since as Date } },
      orderBy: [{ xid: 'asc' }, { id: 'asc' }],
      select: { xid: true, id: true },
    });
    // just before the first event of that moment; none yet: from the present end
    cursor = first ? first.xid * ID_RANGE + first.id - 1n : await deliverableEnd(app.db);
  }
  const endpoint = await app.db.webhookEndpoint.update({
    where: { id: input.endpointId },
    data: { ...cursorColumns(cursor), version: { increment: 1 } },
  });
  return ok(endpoint);
}

export async function listWebhookEndpoints(
  app: AppServices,
  viewer: Viewer,
  request: { first?: number | null; after?: string | null },
): Promise<Result<Page<WebhookEndpoint>>> {
  const owner = await ownerEnterprise(app, viewer);
  if (!owner.ok) return owner;
  return newestFirstPage(app.db.webhookEndpoint, { enterpriseId: owner.value }, request);
}

export async function findWebhookEndpoint(app: AppServices, viewer: Viewer, id: string) {
  const found = await ownEndpoint(app, viewer, id);
  return found.ok ? found.value : null;
}

export async function findWebhookDelivery(app: AppServices, viewer: Viewer, id: string) {
  const delivery = await app.db.webhookDelivery.findUnique({ where: { id } });
  if (!delivery) return null;
  return (await ownEndpoint(app, viewer, delivery.endpointId)).ok ? delivery : null;
}

/** An endpoint's deliveries, newest first; `status` narrows them. The endpoint was read by its owner. */
export function listWebhookDeliveries(
  app: AppServices,
  endpointId: string,
  request: { first?: number | null; after?: string | null; status?: string | null },
): Promise<Result<Page<WebhookDelivery>>> {
  return newestFirstPage(
    app.db.webhookDelivery,
    { endpointId, ...(request.status ? { status: request.status } : {}) },
    request,
  );
}
