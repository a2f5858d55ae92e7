import {
  displayNameIssue,
  domainError,
  err,
  type FieldIssue,
  ok,
  type Result,
  type ReviewKind,
  type ReviewStep,
} from '@leqi/domain';
import type { QueueView } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import {
  MAX_SEARCH_LENGTH,
  type QueueFilter,
  type QueueFilterInput,
  type QueueOrder,
  validateQueueFilter,
} from '../review-queue/service.ts';

/** 已保存视图: an officer's named queue (kind, step, filter, search, order); private to its owner. */
const MAX_QUEUE_VIEWS = 30;
const QUEUE_VIEW_NAME_MAX = 40;

export interface SaveQueueViewInput {
  name: string;
  kind: ReviewKind;
  step: ReviewStep;
  filter?: QueueFilterInput | null;
  search?: string | null;
  orderBy?: QueueOrder | null;
}

/** What the `filter` JSON column holds: the validated filter with ISO dates, plus the search term. */
interface StoredFilter {
  statuses: string[] | null;
  authorityCode: string | null;
  submittedFrom: string | null;
  submittedTo: string | null;
  search: string | null;
}

export function storedFilterOf(view: QueueView): QueueFilter & { search: string | null } {
  const stored = (view.filter ?? {}) as Partial<StoredFilter>;
  return {
    statuses: stored.statuses ?? null,
    authorityCode: stored.authorityCode ?? null,
    submittedFrom: stored.submittedFrom ? new Date(stored.submittedFrom) : null,
    submittedTo: stored.submittedTo ? new Date(stored.submittedTo) : null,
    search: stored.search ?? null,
  };
}

function isOfficer(viewer: Viewer): boolean {
  return viewer.actor.role === 'OFFICER' || viewer.actor.role === 'ADMIN';
}

export function listQueueViews(app: AppServices, viewer: Viewer): Promise<QueueView[]> {
  if (!isOfficer(viewer)) return Promise.resolve([]);
  return app.db.queueView.findMany({ where: { userId: viewer.userId }, orderBy: [{ name: 'asc' }] });
}

/** Creates the view, or replaces the viewer's view of the same name. */
export async function saveQueueView(
  app: AppServices,
  viewer: Viewer,
  input: SaveQueueViewInput,
): Promise<Result<QueueView>> {
  if (!isOfficer(viewer)) return err(domainError('FORBIDDEN'));
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  // refused, not cleaned: a name cleaned of a hidden character could silently replace another view of that name
  const nameIssue = displayNameIssue('name', name, QUEUE_VIEW_NAME_MAX);
  if (nameIssue) issues.push(nameIssue);
  const search = input.search?.trim() || null;
  if (search && search.length > MAX_SEARCH_LENGTH) {
    issues.push({ field: 'search', code: 'TOO_LONG', params: { max: MAX_SEARCH_LENGTH } });
  }
  const filter = validateQueueFilter(input.filter);
  if (!filter.ok) issues.push(...(filter.error.issues ?? []));
  if (issues.length > 0 || !filter.ok) return err(domainError('VALIDATION_FAILED', {}, issues));
  const stored: StoredFilter = {
    statuses: filter.value.statuses,
    authorityCode: filter.value.authorityCode,
    submittedFrom: filter.value.submittedFrom?.toISOString() ?? null,
    submittedTo: filter.value.submittedTo?.toISOString() ?? null,
    search,
  };
  const data = {
    kind: input.kind,
    step: input.step,
    filter: { ...stored },
    orderBy: input.orderBy ?? 'OLDEST_IN_STEP',
  };
  const existing = await app.db.queueView.findUnique({ where: { userId_name: { userId: viewer.userId, name } } });
  if (existing) return ok(await app.db.queueView.update({ where: { id: existing.id }, data }));
  const count = await app.db.queueView.count({ where: { userId: viewer.userId } });
  if (count >= MAX_QUEUE_VIEWS) return err(domainError('LIMIT_EXCEEDED', { max: MAX_QUEUE_VIEWS, actual: count + 1 }));
  return ok(await app.db.queueView.create({ data: { ...data, userId: viewer.userId, name } }));
}

/** Only the owner may delete a view; anyone else's looks absent. */
export async function deleteQueueView(app: AppServices, viewer: Viewer, id: string): Promise<Result<QueueView>> {
  if (!isOfficer(viewer)) return err(domainError('FORBIDDEN'));
  const view = await app.db.queueView.findFirst({ where: { id, userId: viewer.userId } });
  if (!view) return err(domainError('NOT_FOUND'));
  await app.db.queueView.delete({ where: { id } });
  return ok(view);
}
