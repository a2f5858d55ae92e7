// 邀请列表 / 响应邀请: the paged lists of invitations the viewer's enterprise sent or received.

import { domainError, err, type InvitationStatus, ok, type Result } from '@leqi/domain';
import type { Invitation, Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { type Page, pageArguments } from '../../platform/paging.ts';

export interface InvitationPageRequest {
  status?: InvitationStatus | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

export async function pageOfInvitations(
  app: AppServices,
  where: Prisma.InvitationWhereInput,
  request: InvitationPageRequest,
): Promise<Result<Page<Invitation>>> {
  const args = pageArguments(request.first, request.after);
  if (!args.ok) return args;
  const { size, cursor } = args.value;
  const term = request.search?.trim().slice(0, 100);
  const filtered: Prisma.InvitationWhereInput = {
    ...where,
    ...(request.status ? { status: request.status } : {}),
    ...(term ? { OR: [{ useUnitUscc: { startsWith: term.toUpperCase() } }, { useUnitName: { contains: term } }] } : {}),
  };
  const [rows, totalCount] = await Promise.all([
    app.db.invitation.findMany({
      where: cursor
        ? {
            AND: [
              filtered,
              {
                OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
              },
            ],
          }
        : filtered,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: size + 1,
    }),
    app.db.invitation.count({ where: filtered }),
  ]);
  return ok({ rows: rows.slice(0, size), hasNextPage: rows.length > size, totalCount });
}

/** 邀请列表: the invitations the viewer's enterprise sent (its operators and its API tokens). */
export async function sentInvitations(app: AppServices, viewer: Viewer, request: InvitationPageRequest) {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  return pageOfInvitations(app, { dcuEnterpriseId: actor.enterpriseId }, request);
}

/** 响应邀请: the invitations the viewer's enterprise received. */
export async function receivedInvitations(app: AppServices, viewer: Viewer, request: InvitationPageRequest) {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  return pageOfInvitations(app, { useUnitEnterpriseId: actor.enterpriseId }, request);
}
