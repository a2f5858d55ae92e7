// GraphQL of 邀请列表 / 响应邀请: the invitations the viewer's enterprise sent or received, paged.

import { messageFor } from '@leqi/domain';
import { GraphQLError } from 'graphql';
import type { Invitation } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import { encodeCursor, type Page } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { asInvitationCase, type InvitationCase } from './case.ts';
import { receivedInvitations, sentInvitations } from './listings.ts';
import { InvitationRef, InvitationStatusEnum } from './schema.ts';

function connectionOf(page: Page<Invitation>, after: string | null | undefined) {
  const nodes = page.rows.map(asInvitationCase);
  return {
    totalCount: page.totalCount,
    edges: nodes.map((node) => ({ cursor: encodeCursor(node), node })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: nodes[0] ? encodeCursor(nodes[0]) : null,
      endCursor: nodes.at(-1) ? encodeCursor(nodes.at(-1) as InvitationCase) : null,
    },
  };
}

function refuse(
  context: Context,
  error: { code: Parameters<typeof messageFor>[0]['code']; params?: Record<string, string | number> },
) {
  return new GraphQLError(messageFor(error, context.locale), { extensions: { code: error.code } });
}

const InvitationConnectionRef = countedConnection(InvitationRef, 'InvitationConnection', 'InvitationEdge');

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
      resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
        const result = await sentInvitations(context.app, context.viewer, args);
        if (!result.ok) throw refuse(context, result.error);
        return connectionOf(result.value, args.after);
      }),
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
      resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
        const result = await receivedInvitations(context.app, context.viewer, args);
        if (!result.ok) throw refuse(context, result.error);
        return connectionOf(result.value, args.after);
      }),
    },
    InvitationConnectionRef,
  ),
);
