// GraphQL of 邀请列表 / 响应邀请: the invitations the viewer's enterprise sent or received, paged.

import { builder } from '../../platform/builder.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { connectionOf, encodeCursor } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { asInvitationCase } from './case.ts';
import { receivedInvitations, sentInvitations } from './listings.ts';
import { InvitationRef, InvitationStatusEnum } from './schema.ts';

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
        if (!result.ok) throw refusalError(result.error, context.locale);
        const { rows, ...page } = result.value;
        return connectionOf({ ...page, rows: rows.map(asInvitationCase) }, args.after, encodeCursor);
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
        if (!result.ok) throw refusalError(result.error, context.locale);
        const { rows, ...page } = result.value;
        return connectionOf({ ...page, rows: rows.map(asInvitationCase) }, args.after, encodeCursor);
      }),
    },
    InvitationConnectionRef,
  ),
);
