// Fixtures of the admin pages' msw tests.
import type { SessionViewer } from '../../app/viewer.ts';

export const adminViewer: SessionViewer = {
  accountId: 'user-admin',
  username: 'platform.admin',
  displayName: '平台管理员',
  role: 'ADMIN',
  identityType: null,
  enterprise: null,
  authority: null,
  passwordChangeRequired: null,
  passwordExpiresAt: '2027-03-01T00:00:00.000Z',
  twoFactorEnabled: false,
  twoFactorRequired: false,
};

export function adminConnection<T extends object>(
  typename: string,
  nodes: T[],
  page: { totalCount?: number; endCursor?: string } = {},
) {
  return {
    __typename: `${typename}Connection`,
    totalCount: page.totalCount ?? nodes.length,
    pageInfo: { __typename: 'PageInfo', hasNextPage: Boolean(page.endCursor), endCursor: page.endCursor ?? null },
    edges: nodes.map((node) => ({ __typename: `${typename}Edge`, node })),
  };
}

export function issuesPayload(issues: { field: string; code: string; message: string }[]) {
  return {
    __typename: 'ValidationError',
    code: 'VALIDATION_FAILED',
    message: '填写内容有误，请检查后重新提交',
    issues: issues.map((issue) => ({ __typename: 'FieldIssue', ...issue })),
  };
}
