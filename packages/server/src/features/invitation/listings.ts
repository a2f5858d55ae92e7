// 邀请列表 / 响应邀请: the invitations the viewer's enterprise sent or received, paged newest first.
import { type Actor, domainError, enterpriseIdOf, type InvitationStatus } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { connectionOf, encodeCursor, newestFirstPage } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { asInvitationCase } from './case.ts';
import { InvitationRef, InvitationStatusEnum } from './schema.ts';

const InvitationConnectionRef = countedConnection(InvitationRef, 'InvitationConnection', 'InvitationEdge');

interface ListArgs {
  status?: InvitationStatus | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

/** One side's list: the invitations whose `party` is the enterprise of a viewer in `roles`, filtered and paged. */
function listOf(party: 'dcuEnterpriseId' | 'useUnitEnterpriseId', roles: Actor['role'][]) {
  return signedIn(unauthenticated.asError, async (_root: unknown, args: ListArgs, context) => {
    const actor = context.viewer.actor;
    const enterpriseId = roles.includes(actor.role) ? enterpriseIdOf(actor) : null;
    if (!enterpriseId) throw refusalError(domainError('FORBIDDEN'), context.locale);
    const term = args.search?.trim().slice(0, 100);
    const where: Prisma.InvitationWhereInput = {
      [party]: enterpriseId,
      ...(args.status ? { status: args.status } : {}),
      ...(term
        ? { OR: [{ useUnitUscc: { startsWith: term.toUpperCase() } }, { useUnitName: { contains: term } }] }
        : {}),
    };
    const result = await newestFirstPage(context.app.db.invitation, where, args);
    if (!result.ok) throw refusalError(result.error, context.locale);
    const { rows, ...page } = result.value;
    return connectionOf({ ...page, rows: rows.map(asInvitationCase) }, args.after, encodeCursor);
  });
}

builder.queryField('sentInvitations', (t) =>
  t.connection(
    {
      type: InvitationRef,
      description: '邀请列表: invitations the viewer enterprise sent, newest first (operators and its API tokens)',
      skipTypeScopes: true,
      args: {
        status: t.arg({ type: InvitationStatusEnum, required: false }),
        search: t.arg.string({ required: false, description: 'USCC prefix or part of the name' }),
      },
      resolve: listOf('dcuEnterpriseId', ['ENTERPRISE', 'API_CLIENT']),
    },
    InvitationConnectionRef,
  ),
);

builder.queryField('receivedInvitations', (t) =>
  t.connection(
    {
      type: InvitationRef,
      description: '响应邀请: invitations the viewer enterprise received, newest first',
      args: { status: t.arg({ type: InvitationStatusEnum, required: false }) },
      resolve: listOf('useUnitEnterpriseId', ['ENTERPRISE']),
    },
    InvitationConnectionRef,
  ),
);
