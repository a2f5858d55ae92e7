import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { enterpriseViewer, hoursAgo } from '../../test/fixtures.ts';
import { invitationHandlers } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import type { ApiToken } from './import-api.ts';

const dcuUser = enterpriseViewer({
  username: 'sl.legal',
  enterprise: { id: 'ent-sl', uscc: '913100005432319483', name: '上海申联数据服务有限公司' },
});

function token(overrides: Partial<ApiToken> = {}) {
  return {
    __typename: 'ApiToken',
    id: 'tok-1',
    name: 'ERP',
    prefix: 'lq_ab12',
    createdAt: hoursAgo(48),
    expiresAt: null,
    lastUsedAt: hoursAgo(1),
    revokedAt: null,
    ...overrides,
  };
}

/** One page of tokens as the apiTokens connection answers it. */
function tokenPage(tokens: ReturnType<typeof token>[], endCursor: string | null = null) {
  return {
    __typename: 'ApiTokenConnection',
    totalCount: tokens.length,
    pageInfo: { __typename: 'PageInfo', hasNextPage: endCursor !== null, endCursor },
    edges: tokens.map((node) => ({ __typename: 'ApiTokenEdge', node })),
  };
}

describe('API 令牌', () => {
  it('lists a page of tokens and loads the next page on 加载更多', async () => {
    const asked: unknown[] = [];
    server.use(
      ...invitationHandlers,
      graphql.query('ApiTokens', ({ variables }) => {
        asked.push(variables.after ?? null);
        return HttpResponse.json({
          data: {
            apiTokens: variables.after
              ? tokenPage([token({ id: 'tok-9', name: '旧系统', prefix: 'lq_old9' })])
              : { ...tokenPage([token()], 'cursor-1'), totalCount: 2 },
          },
        });
      }),
    );
    renderApp('/access/api-tokens', { viewer: dcuUser });
    const user = userEvent.setup();
    expect((await screen.findByTestId('token-row-tok-1')).textContent).toContain('lq_ab12');
    expect(screen.queryByTestId('token-row-tok-9')).toBeNull();
    await user.click(screen.getByTestId('load-more'));
    expect((await screen.findByTestId('token-row-tok-9')).textContent).toContain('旧系统');
    expect(screen.getByTestId('token-row-tok-1')).toBeTruthy();
    expect(asked).toContain('cursor-1');
    await waitFor(() => expect(screen.queryByTestId('load-more')).toBeNull());
  });

  it('shows a new token once, with a warning, and never again', async () => {
    let tokens = [token()];
    const created: unknown[] = [];
    server.use(
      ...invitationHandlers,
      graphql.query('ApiTokens', () => HttpResponse.json({ data: { apiTokens: tokenPage(tokens) } })),
      graphql.mutation('CreateApiToken', ({ variables }) => {
        created.push(variables);
        const apiToken = token({ id: 'tok-2', name: '财务系统', prefix: 'lq_cd34', lastUsedAt: null });
        tokens = [...tokens, apiToken];
        return HttpResponse.json({
          data: { createApiToken: { __typename: 'CreateApiTokenSuccess', token: 'lq_cd34.secret-value', apiToken } },
        });
      }),
    );
    renderApp('/access/api-tokens', { viewer: dcuUser });
    const user = userEvent.setup();
    expect((await screen.findByTestId('token-row-tok-1')).textContent).toContain('lq_ab12');
    await user.type(screen.getByTestId('token-name'), '财务系统');
    await user.click(screen.getByTestId('token-create'));
    expect((await screen.findByTestId('token-value')).textContent).toContain('lq_cd34.secret-value');
    expect(screen.getByTestId('token-created').textContent).toContain('令牌只显示这一次');
    expect(created).toEqual([{ input: { name: '财务系统', expiresInDays: 365 } }]);
    expect(await screen.findByTestId('token-row-tok-2')).toBeTruthy();

    await user.click(screen.getByTestId('token-close'));
    expect(screen.queryByTestId('token-created')).toBeNull();
    expect(document.body.textContent).not.toContain('secret-value');
    expect(screen.getByTestId('token-row-tok-2').textContent).not.toContain('secret-value');
  });

  it('revokes a token after confirmation', async () => {
    let tokens = [token()];
    const revoked: unknown[] = [];
    server.use(
      ...invitationHandlers,
      graphql.query('ApiTokens', () => HttpResponse.json({ data: { apiTokens: tokenPage(tokens) } })),
      graphql.mutation('RevokeApiToken', ({ variables }) => {
        revoked.push(variables);
        tokens = [token({ revokedAt: new Date().toISOString() })];
        return HttpResponse.json({ data: { revokeApiToken: { __typename: 'ApiTokenSuccess', apiToken: tokens[0] } } });
      }),
    );
    renderApp('/access/api-tokens', { viewer: dcuUser });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('revoke-tok-1'));
    expect(await screen.findByText('撤销后使用该令牌的系统将无法调用，确定撤销？')).toBeTruthy();
    expect(revoked).toHaveLength(0);
    await user.click(screen.getByTestId('revoke-confirm'));
    await waitFor(() => expect(revoked).toEqual([{ input: { id: 'tok-1' } }]));
    await waitFor(() => expect(within(screen.getByTestId('token-row-tok-1')).getByText('已撤销')).toBeTruthy());
  });
});
