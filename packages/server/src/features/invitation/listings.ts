// 邀请列表 / 响应邀请: the paged lists of invitations the viewer's enterprise sent or received.

import { domainError, err, type InvitationStatus } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { newestFirstPage } from '../../platform/paging.ts';

interface InvitationPageRequest {
  status?: InvitationStatus | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

function pageOfInvitations(app: AppServices, where: Prisma.InvitationWhereInput, request: InvitationPageRequest) {
  const term = request.search?.trim().slice(0, 100);
  return newestFirstPage(
    app.db.invitation,
    {
      ...where,
      ...(request.status ? { status: request.status } : {}),
      ...(term
        ? { OR: [{ useUnitUscc: { startsWith: term.toUpperCase() } }, { useUnitName: { contains: term } }] }
        : {}),
    },
    request,
  );
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
