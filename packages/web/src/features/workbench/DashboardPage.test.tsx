import { act, screen, waitFor } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { officerViewer } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { emitSubscription } from '../../test/subscriptions.ts';

const officer = officerViewer();

function board(acceptance: number, overdue: number) {
  return {
    __typename: 'BureauDashboard',
    generatedAt: new Date().toISOString(),
    overdueCount: overdue,
    dueSoonCount: 2,
    queues: [
      { kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', count: acceptance, dueSoonCount: 2, overdueCount: overdue },
      { kind: 'ACCESS_APPLICATION', step: 'REVIEW', count: 1, dueSoonCount: 0, overdueCount: 0 },
      { kind: 'INVITATION', step: 'ACCEPTANCE', count: 3, dueSoonCount: 0, overdueCount: 0 },
      { kind: 'CAPABILITY_SUBSCRIPTION', step: 'REVIEW', count: 0, dueSoonCount: 0, overdueCount: 0 },
    ].map((q) => ({ __typename: 'QueueSize', ...q })),
    decisionsPerDay: Array.from({ length: 30 }, (_, i) => ({
      __typename: 'DayCount',
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      count: i === 29 ? 4 : 0,
    })),
    ageBuckets: [
      ['0-1', 2],
      ['2-3', 1],
      ['4-5', 2],
      ['6-10', 0],
      ['>10', acceptance - 1],
    ].map(([label, count]) => ({ __typename: 'AgeBucket', label, count })),
  };
}

describe('工作台概览 dashboard', () => {
  beforeAll(async () => {
    await Promise.all([import('./DashboardPage.tsx'), import('./WorkbenchShell.tsx')]);
  }, 60_000);

  it('shows totals and charts of queue sizes, ages and decisions per day, refreshed by case events', async () => {
    let current = board(5, 1);
    let calls = 0;
    server.use(
      graphql.query('BureauDashboard', () => {
        calls++;
        return HttpResponse.json({ data: { bureauDashboard: current } });
      }),
    );
    renderApp('/workbench/dashboard', { viewer: officer });
    await screen.findByTestId('bureau-dashboard', {}, { timeout: 15_000 });
    expect(screen.getByTestId('stat-waiting').textContent).toContain('9');
    expect(screen.getByTestId('stat-overdue').textContent).toContain('1');
    const queueBars = screen.getAllByTestId('chart-queues-bar');
    expect(queueBars.map((bar) => [bar.getAttribute('data-label'), bar.getAttribute('data-value')])).toEqual([
      ['接入申请·待受理', '5'],
      ['接入申请·待复核', '1'],
      ['使用单位邀请·待受理', '3'],
      // the same words as the queue's tab (能力订阅 has one step, 审核)
      ['能力订阅·待审核', '0'],
    ]);
    expect(screen.getAllByTestId('chart-ages-bar')).toHaveLength(5);
    expect(screen.getAllByTestId('chart-decisions-bar')).toHaveLength(30);
    expect(screen.getAllByTestId('chart-decisions-bar').at(-1)?.getAttribute('data-value')).toBe('4');

    current = board(6, 2);
    const before = calls;
    act(() => {
      emitSubscription('caseEvents', { cursor: '9', caseKind: 'ACCESS_APPLICATION', caseId: 'x', event: 'submit' });
    });
    await waitFor(() => expect(screen.getByTestId('stat-overdue').textContent).toContain('2'), { timeout: 5000 });
    expect(calls).toBe(before + 1);
    expect(screen.getAllByTestId('chart-queues-bar')[0]?.getAttribute('data-value')).toBe('6');
  });

  it('is linked from the queue page', async () => {
    server.use(
      graphql.query('ReviewQueue', () =>
        HttpResponse.json({
          data: {
            reviewQueue: {
              __typename: 'ReviewCaseConnection',
              totalCount: 0,
              edges: [],
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            },
          },
        }),
      ),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    expect((await screen.findByTestId('dashboard-link')).getAttribute('href')).toBe('/workbench/dashboard');
  });
});
