// 邀请列表 / 响应邀请: the invitations the viewer's enterprise sent or received, paged newest first.
import { type Actor, domainError, enterpriseIdOf, type InvitationStatus } from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { connectionOf, encodeCursor, newestFirstPage } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { asInvitationCase } from './case.ts';
import { InvitationRef, InvitationStatusEnum } from './schema.ts';

const InvitationConnectionRef = countedConnection(InvitationRef, 'InvitationConnection', 'InvitationEdge', {
  zh: '邀请',
  en: 'invitations',
});

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

const STATUS_FILTER = '只列出该接入状态的邀请；省略时列出全部\n\nOnly invitations in this status; all when omitted';

builder.queryField('sentInvitations', (t) =>
  t.field({
    type: InvitationConnectionRef,
    description:
      '邀请列表：当前用户所在直连单位发出的邀请，按创建时间从新到旧；企业用户及其 API 令牌可用\n\n' +
      "Invitation list: the invitations the viewer's enterprise sent as direct-connect unit (DCU), newest first; for its operators and API tokens",
    skipTypeScopes: true,
    args: {
      ...forwardPageArgs(t.arg),
      status: t.arg({ type: InvitationStatusEnum, required: false, description: STATUS_FILTER }),
      search: t.arg.string({
        required: false,
        description:
          '按使用单位统一社会信用代码的开头或名称中的文字查找（去掉首尾空白，只取前 100 个字符）\n\n' +
          "Search by the start of the use unit's USCC or part of its name (trimmed; only the first 100 characters count)",
      }),
    },
    resolve: listOf('dcuEnterpriseId', ['ENTERPRISE', 'API_CLIENT']),
  }),
);

builder.queryField('receivedInvitations', (t) =>
  t.field({
    type: InvitationConnectionRef,
    description:
      '响应邀请：当前用户所在单位作为使用单位收到的邀请，按创建时间从新到旧；仅限企业用户（非 API 令牌）\n\n' +
      "Received invitations: the invitations the viewer's enterprise received as use unit, newest first; for its operators only (not API tokens)",
    args: {
      ...forwardPageArgs(t.arg),
      status: t.arg({ type: InvitationStatusEnum, required: false, description: STATUS_FILTER }),
    },
    resolve: listOf('useUnitEnterpriseId', ['ENTERPRISE']),
  }),
);
