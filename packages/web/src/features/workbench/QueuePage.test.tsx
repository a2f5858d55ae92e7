import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { liveState } from '../../app/client.ts';
import { accessApplication, connection, officerViewer, queueCase } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { emitSubscription, openSubscriptions } from '../../test/subscriptions.ts';

const officer = officerViewer();

describe('审核工作台 queues', () => {
  // the lazy route's module graph is large; load it once up front so the first test is not timed on a cold import
  beforeAll(async () => {
    await Promise.all([import('./QueuePage.tsx'), import('./WorkbenchShell.tsx')]);
  }, 60_000);

  it('lists the cases of the queue and opens one on click', async () => {
    const seen: unknown[] = [];
    server.use(
      graphql.query('ReviewQueue', ({ variables }) => {
        seen.push(variables);
        return HttpResponse.json({
          data: {
            reviewQueue: connection([
              queueCase(),
              queueCase({
                id: 'app-2',
                enterprise: { id: 'ent-by', uscc: '91440100096792908X', name: '广州白云公交集团有限公司' },
              }),
            ]),
          },
        });
      }),
      graphql.query('AccessApplicationCase', () =>
        HttpResponse.json({
          data: { accessApplication: accessApplication({ id: 'app-2', status: 'PENDING_ACCEPTANCE' }) },
        }),
      ),
    );
    renderApp('/workbench', { viewer: officer });
    const row = await screen.findByTestId('queue-row-91440100096792908X', {}, { timeout: 15_000 });
    expect(row.textContent).toContain('广州白云公交集团有限公司');
    expect(row.textContent).toContain('待受理');
    expect(row.textContent).toContain('5小时');
    expect(screen.getByTestId('queue-row-91440100628194821M')).toBeTruthy();
    expect(seen[0]).toEqual({ kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', first: 50 });
    expect(screen.getByTestId('authority-name').textContent).toBe('广州市天河区税务局');

    // the table refetches once the live subscription connects; click when its loading overlay is gone
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());
    await userEvent.setup().click(screen.getByTestId('queue-row-91440100096792908X'));
    expect(await screen.findByTestId('case-detail')).toBeTruthy();
  });

  it('shows the empty state and switches tabs', async () => {
    const steps: string[] = [];
    server.use(
      graphql.query('ReviewQueue', ({ variables }) => {
        steps.push(variables.step as string);
        return HttpResponse.json({ data: { reviewQueue: connection([]) } });
      }),
    );
    renderApp('/workbench/queue/REVIEW', { viewer: officer });
    expect((await screen.findByTestId('empty-state')).textContent).toContain('当前没有待办事项');
    await userEvent.setup().click(screen.getByTestId('queue-tab-CONFIRMATION'));
    await waitFor(() => expect(steps).toContain('CONFIRMATION'));
    expect(steps[0]).toBe('REVIEW');
  });

  it('a provincial officer starts on 待确认', async () => {
    const steps: string[] = [];
    server.use(
      graphql.query('ReviewQueue', ({ variables }) => {
        steps.push(variables.step as string);
        return HttpResponse.json({
          data: { reviewQueue: connection([queueCase({ status: 'PENDING_CONFIRMATION' })]) },
        });
      }),
    );
    renderApp('/workbench', {
      viewer: officerViewer({
        username: 'gd.confirmer',
        authority: { code: '14400000000', name: '国家税务总局广东省税务局', level: 'PROVINCIAL' },
      }),
    });
    expect((await screen.findByTestId('queue-row-91440100628194821M')).textContent).toContain('待确认');
    expect(steps).toEqual(['CONFIRMATION']);
  });

  it('re-runs the query when a queue change arrives and shows the 实时 indicator', async () => {
    let rows = [queueCase()];
    let calls = 0;
    server.use(
      graphql.query('ReviewQueue', () => {
        calls++;
        return HttpResponse.json({ data: { reviewQueue: connection(rows) } });
      }),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100628194821M');
    expect(screen.getByTestId('live-indicator').textContent).toContain('连接中');
    act(() => liveState.set('connected'));
    expect(screen.getByTestId('live-indicator').textContent).toContain('实时');
    expect(openSubscriptions('queueChanges')).toBe(1);

    rows = [];
    const before = calls;
    act(() => {
      emitSubscription('queueChanges', {
        cursor: '42',
        caseKind: 'ACCESS_APPLICATION',
        caseId: 'app-1',
        event: 'accept',
        fromStatus: 'PENDING_ACCEPTANCE',
        toStatus: 'PENDING_REVIEW',
      });
    });
    await waitFor(() => expect(screen.queryByTestId('queue-row-91440100628194821M')).toBeNull());
    expect(calls).toBe(before + 1);
    expect(within(screen.getByTestId('queue-table')).getByTestId('empty-state')).toBeTruthy();
  });

  it('a burst of queue changes refetches each loaded page once, not once per event', async () => {
    const caseNo = (i: number) => String(i).padStart(3, '0');
    const rows = Array.from({ length: 55 }, (_, i) =>
      queueCase({ id: `app-${caseNo(i)}`, enterprise: { id: `ent-${i}`, uscc: `USCC${caseNo(i)}`, name: `企业${i}` } }),
    );
    const requests: { first: number; after: string | null }[] = [];
    server.use(keysetQueue(() => rows, requests));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-USCC049', {}, { timeout: 15_000 });
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());
    await userEvent.setup().click(screen.getByTestId('load-more'));
    await screen.findByTestId('queue-row-USCC054');
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());

    // ten decisions elsewhere, 40 ms apart (a busy province), each delivered and rendered on its own
    const before = requests.length;
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 10; i++) {
        setTimeout(() => {
          act(() => {
            emitSubscription('queueChanges', {
              cursor: String(100 + i),
              caseKind: 'ACCESS_APPLICATION',
              caseId: `app-${caseNo(i)}`,
              event: 'claim',
              fromStatus: 'PENDING_ACCEPTANCE',
              toStatus: 'PENDING_ACCEPTANCE',
            });
          });
          if (i === 9) resolve();
        }, i * 40);
      }
    });
    // the first page and the page loaded by 加载更多: one refetch each
    await waitFor(() => expect(requests.length).toBeGreaterThanOrEqual(before + 2));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // (the window 加载更多 keeps live is read as one page of at most 100 rows)
    expect(
      requests
        .slice(before)
        .map((request) => request.first)
        .sort(),
    ).toEqual([100, 50]);
  }, 120_000);

  it('a live change also updates the rows loaded by 加载更多: in place, decided ones leave, nothing jumps', async () => {
    const caseNo = (i: number) => String(i).padStart(3, '0');
    let rows = Array.from({ length: 70 }, (_, i) =>
      queueCase({
        id: `app-${caseNo(i)}`,
        enterprise: { id: `ent-${i}`, uscc: `USCC${caseNo(i)}`, name: `企业${caseNo(i)}` },
      }),
    );
    const requests: { first: number; after: string | null }[] = [];
    server.use(keysetQueue(() => rows, requests));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-USCC049', {}, { timeout: 15_000 });
    expect(screen.queryByTestId('queue-row-USCC050')).toBeNull();
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());
    await userEvent.setup().click(screen.getByTestId('load-more'));
    await screen.findByTestId('queue-row-USCC069');
    expect(screen.queryByTestId('load-more')).toBeNull();

    // meanwhile: case 055 (on the second page) is accepted, case 060 is claimed by another officer, and a new
    // case arrives at the end of the queue
    rows = [
      ...rows
        .filter((row) => row.id !== 'app-055')
        .map((row) =>
          row.id === 'app-060'
            ? {
                ...row,
                version: 3,
                claim: { __typename: 'CaseClaim', holder: { name: '审核员二' }, heldByViewer: false },
              }
            : row,
        ),
      queueCase({ id: 'app-070', enterprise: { id: 'ent-70', uscc: 'USCC070', name: '企业070' } }),
    ];
    act(() => {
      emitSubscription('queueChanges', {
        cursor: '43',
        caseKind: 'ACCESS_APPLICATION',
        caseId: 'app-055',
        event: 'accept',
        fromStatus: 'PENDING_ACCEPTANCE',
        toStatus: 'PENDING_REVIEW',
      });
    });
    await waitFor(() => expect(screen.queryByTestId('queue-row-USCC055')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('queue-row-USCC060').textContent).toContain('审核员二'));
    const shown = [...document.querySelectorAll('[data-testid^="queue-row-"]')].map((row) =>
      row.getAttribute('data-testid'),
    );
    expect(shown).toHaveLength(69);
    expect(shown.at(-1)).toBe('queue-row-USCC069');
    // the arrival is not pushed under the cursor: 加载更多 offers it
    expect(screen.queryByTestId('queue-row-USCC070')).toBeNull();
    await userEvent.setup().click(await screen.findByTestId('load-more'));
    await screen.findByTestId('queue-row-USCC070');
  });

  it('shows an error with retry when the queue cannot load', async () => {
    let fail = true;
    server.use(
      graphql.query('ReviewQueue', () =>
        fail
          ? HttpResponse.json({ errors: [{ message: '服务暂不可用' }] })
          : HttpResponse.json({ data: { reviewQueue: connection([queueCase()]) } }),
      ),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    expect((await screen.findByTestId('load-error')).textContent).toContain('服务暂不可用');
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: /重\s*试/ }));
    expect(await screen.findByTestId('queue-row-91440100628194821M')).toBeTruthy();
  });
});

/** The queue as keyset pages of `rowsOf()` (read per request, so a test may change it); records each request. */
function keysetQueue(
  rowsOf: () => ReturnType<typeof queueCase>[],
  requests: { first: number; after: string | null }[],
) {
  return graphql.query('ReviewQueue', ({ variables }) => {
    const rows = rowsOf();
    const first = variables.first as number;
    const after = (variables.after as string | null) ?? null;
    requests.push({ first, after });
    // keyset: the cursor is the id of the last row shown, so it stays valid when that row leaves
    const start = after ? rows.findIndex((row) => row.id > after) : 0;
    const from = start < 0 ? rows.length : start;
    const page = rows.slice(from, from + first);
    return HttpResponse.json({
      data: {
        reviewQueue: {
          __typename: 'ReviewCaseConnection',
          totalCount: rows.length,
          edges: page.map((node) => ({ __typename: 'ReviewCaseEdge', cursor: node.id, node })),
          pageInfo: {
            __typename: 'PageInfo',
            hasNextPage: from + first < rows.length,
            endCursor: page.at(-1)?.id ?? null,
          },
        },
      },
    });
  });
}
