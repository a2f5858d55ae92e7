import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connection, officerViewer, queueCase } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { chooseOption, shownOptions } from '../../test/select.ts';
import { server } from '../../test/server.ts';
import { emitSubscription } from '../../test/subscriptions.ts';

const officer = officerViewer();
const GD = { code: '14400000000', name: '国家税务总局广东省税务局', level: 'PROVINCIAL' as const };
const YF = queueCase({ ageInWorkingDays: 7, dueState: 'OVERDUE', dueAt: '2026-11-20T16:00:00.000Z' });
const BY = queueCase({
  id: 'app-2',
  ageInWorkingDays: 4,
  dueState: 'DUE_SOON',
  enterprise: { id: 'ent-by', uscc: '91440100096792908X', name: '广州白云公交集团有限公司' },
});
const SL = queueCase({
  id: 'app-3',
  ageInWorkingDays: 0,
  dueState: 'ON_TIME',
  enterprise: { id: 'ent-sl', uscc: '913100005432319483', name: '上海申联数据服务有限公司' },
});

function queueHandler(
  rowsFor: (variables: Record<string, unknown>) => unknown[],
  seen: Record<string, unknown>[] = [],
) {
  return graphql.query('ReviewQueue', ({ variables }) => {
    seen.push(variables);
    return HttpResponse.json({ data: { reviewQueue: connection(rowsFor(variables)) } });
  });
}

const rowIds = () =>
  [...screen.getByTestId('queue-table').querySelectorAll('[data-testid^="queue-row-"]')].map((row) =>
    row.getAttribute('data-testid'),
  );

const LOCAL_AUTHORITIES = [
  { __typename: 'TaxAuthority', code: '14401060000', name: '广州市天河区税务局' },
  { __typename: 'TaxAuthority', code: '14401110000', name: '广州市白云区税务局' },
  { __typename: 'TaxAuthority', code: '13101150000', name: '上海市浦东新区税务局' },
];

/** Types both ends of the 提交日期 RangePicker (zh_CN, YYYY-MM-DD) and confirms each with Enter. */
async function chooseDates(from: string, to: string) {
  const [start, end] = [...screen.getByTestId('filter-submitted').querySelectorAll('input')];
  const user = userEvent.setup();
  await user.click(start as HTMLInputElement);
  await user.type(start as HTMLInputElement, `${from}{Enter}`);
  await user.type(end as HTMLInputElement, `${to}{Enter}`);
}

describe('审核工作台: filters, due limits, live rows, saved views', () => {
  beforeEach(() => {
    server.use(
      graphql.query('LocalTaxAuthorities', () => HttpResponse.json({ data: { taxAuthorities: LOCAL_AUTHORITIES } })),
    );
  });

  // the lazy route's module graph is large; load it once up front so the first test is not timed on a cold import
  beforeAll(async () => {
    await Promise.all([import('./QueuePage.tsx'), import('./WorkbenchShell.tsx')]);
  }, 60_000);

  it('shows the age in working days with 已超期 in red and 即将到期 in orange', async () => {
    server.use(queueHandler(() => [YF, BY, SL]));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    // the first render of the file also pays for antd's styles: allow for a loaded machine
    const overdue = await screen.findByTestId('due-app-1', {}, { timeout: 15_000 });
    expect(overdue.textContent).toBe('7 个工作日已超期');
    expect(overdue.querySelector('.ant-tag-red')).toBeTruthy();
    const soon = screen.getByTestId('due-app-2');
    expect(soon.textContent).toBe('4 个工作日即将到期');
    expect(soon.querySelector('.ant-tag-orange')).toBeTruthy();
    expect(screen.getByTestId('due-app-3').textContent).toBe('0 个工作日');
  });

  it('sends search, authority, submission dates and order to the server', async () => {
    const seen: Record<string, unknown>[] = [];
    server.use(queueHandler((v) => (v.search ? [BY] : [YF, BY]), seen));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100628194821M');
    const user = userEvent.setup();
    await user.type(within(screen.getByTestId('filter-search')).getByRole('searchbox'), '白云{Enter}');
    await waitFor(() => expect(rowIds()).toEqual(['queue-row-91440100096792908X']));
    expect(seen.at(-1)).toEqual({ kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', first: 50, search: '白云' });

    await chooseOption('filter-authority', '广州市天河区税务局');
    await chooseDates('2026-11-01', '2026-11-20');
    await chooseOption('filter-order', '最新优先');
    await waitFor(() =>
      expect(seen.at(-1)).toEqual({
        kind: 'ACCESS_APPLICATION',
        step: 'ACCEPTANCE',
        first: 50,
        search: '白云',
        orderBy: 'NEWEST_IN_STEP',
        filter: {
          authorityCode: '14401060000',
          submittedFrom: '2026-11-01T00:00:00+08:00',
          submittedTo: '2026-11-20T23:59:59.999+08:00',
        },
      }),
    );
    await user.click(screen.getByTestId('filter-reset'));
    await waitFor(() => expect(seen.at(-1)).toEqual({ kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', first: 50 }));
  });

  it('offers the authorities the officer may see, by name, and a zh-CN date range', async () => {
    server.use(queueHandler(() => [YF, BY]));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officerViewer({ username: 'gd.confirmer', authority: GD }) });
    await screen.findByTestId('queue-row-91440100628194821M');
    await chooseOption('filter-authority', '广州市白云区税务局');
    // the province's local bureaus only: not 浦东 (Shanghai)
    expect(shownOptions('filter-authority')).toEqual(['广州市天河区税务局', '广州市白云区税务局']);
    const [start, end] = [...screen.getByTestId('filter-submitted').querySelectorAll('input')];
    expect(start?.getAttribute('placeholder')).toBe('提交日期起');
    expect(end?.getAttribute('placeholder')).toBe('提交日期止');
    expect(start?.getAttribute('type')).not.toBe('date');
    await userEvent.setup().click(start as HTMLInputElement);
    // the calendar speaks Chinese: weekday heads 一 … 日 and a 今天 link
    const popup = await waitFor(() => {
      const found = document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      if (!found) throw new Error('no calendar');
      return found;
    });
    expect([...popup.querySelectorAll('thead th')].slice(0, 7).map((th) => th.textContent)).toEqual([
      '一',
      '二',
      '三',
      '四',
      '五',
      '六',
      '日',
    ]);
  });

  it('offers a local officer only their own authority', async () => {
    server.use(queueHandler(() => [YF]));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100628194821M');
    await chooseOption('filter-authority', '广州市天河区税务局');
    expect(shownOptions('filter-authority')).toEqual(['广州市天河区税务局']);
  });

  it('offers the two 提交时间 orders beside the step ones and sends the chosen one', async () => {
    const seen: Record<string, unknown>[] = [];
    server.use(queueHandler(() => [YF, BY], seen));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100628194821M');
    const shown = () => screen.getByTestId('filter-order').textContent;
    expect(shown()).toBe('等待最久优先');
    await chooseOption('filter-order', '提交最早优先');
    expect(shownOptions('filter-order')).toEqual(['等待最久优先', '最新优先', '提交最早优先', '提交最新优先']);
    await waitFor(() =>
      expect(seen.at(-1)).toEqual({
        kind: 'ACCESS_APPLICATION',
        step: 'ACCEPTANCE',
        first: 50,
        orderBy: 'SUBMITTED_OLDEST',
      }),
    );
    expect(shown()).toBe('提交最早优先');
    await chooseOption('filter-order', '提交最新优先');
    await waitFor(() =>
      expect(seen.at(-1)).toEqual({
        kind: 'ACCESS_APPLICATION',
        step: 'ACCEPTANCE',
        first: 50,
        orderBy: 'SUBMITTED_NEWEST',
      }),
    );
    // back to the default order: the request is the default one again
    await chooseOption('filter-order', '等待最久优先');
    await waitFor(() => expect(seen.at(-1)).toEqual({ kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', first: 50 }));
  });

  it('keeps rows in place on live updates and announces new arrivals until asked to show them', async () => {
    let rows = [YF, BY];
    server.use(queueHandler(() => rows));
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100096792908X');
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());
    // 云帆 was decided elsewhere, 申联 arrived and sorts first, 白云 aged into overdue
    rows = [SL, { ...BY, ageInWorkingDays: 6, dueState: 'OVERDUE' }];
    act(() => {
      emitSubscription('queueChanges', {
        cursor: '77',
        caseKind: 'ACCESS_APPLICATION',
        caseId: 'app-3',
        event: 'submit',
      });
    });
    const banner = await screen.findByTestId('new-arrivals');
    expect(banner.textContent).toBe('有 1 个新案件，点击显示');
    expect(rowIds()).toEqual(['queue-row-91440100096792908X']);
    expect(screen.getByTestId('due-app-2').getAttribute('data-due-state')).toBe('OVERDUE');
    await userEvent.setup().click(banner);
    expect(rowIds()).toEqual(['queue-row-913100005432319483', 'queue-row-91440100096792908X']);
    expect(screen.queryByTestId('new-arrivals')).toBeNull();
  });

  it('applies, saves and deletes saved views', async () => {
    const seen: Record<string, unknown>[] = [];
    const saved: unknown[] = [];
    const deleted: unknown[] = [];
    let views = [
      {
        __typename: 'QueueView',
        id: 'view-1',
        name: '白云最新',
        kind: 'ACCESS_APPLICATION',
        step: 'ACCEPTANCE',
        orderBy: 'NEWEST_IN_STEP',
        filter: {
          __typename: 'QueueFilter',
          authorityCode: null,
          submittedFrom: null,
          submittedTo: null,
          search: '白云',
        },
      },
    ];
    server.use(
      queueHandler(() => [YF, BY], seen),
      graphql.query('QueueViews', () =>
        HttpResponse.json({ data: { viewer: { __typename: 'Viewer', accountId: 'user-th-1', queueViews: views } } }),
      ),
      graphql.mutation('SaveQueueView', ({ variables }) => {
        saved.push(variables.input);
        return HttpResponse.json({
          data: { saveQueueView: { __typename: 'QueueViewSuccess', queueView: { ...views[0], id: 'view-2' } } },
        });
      }),
      graphql.mutation('DeleteQueueView', ({ variables }) => {
        deleted.push(variables.input);
        views = [];
        return HttpResponse.json({ data: { deleteQueueView: { __typename: 'QueueViewSuccess' } } });
      }),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100628194821M');
    await chooseOption('saved-view-select', '白云最新');
    await waitFor(() =>
      expect(seen.at(-1)).toEqual({
        kind: 'ACCESS_APPLICATION',
        step: 'ACCEPTANCE',
        first: 50,
        search: '白云',
        orderBy: 'NEWEST_IN_STEP',
      }),
    );
    const user = userEvent.setup();
    await user.type(screen.getByTestId('view-name'), '我的视图');
    await user.click(screen.getByTestId('save-view'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      name: '我的视图',
      kind: 'ACCESS_APPLICATION',
      step: 'ACCEPTANCE',
      search: '白云',
      orderBy: 'NEWEST_IN_STEP',
    });
    expect(await screen.findByText('视图已保存')).toBeTruthy();
    await user.click(screen.getByTestId('delete-view'));
    await waitFor(() => expect(deleted).toEqual([{ id: 'view-2' }]));
    expect(await screen.findByText('视图已删除')).toBeTruthy();
  });

  // (one antd Select per test: in this test setup every Select's input shares one id, so a second one's dropdown
  // cannot be told apart)
  const submissionView = {
    __typename: 'QueueView',
    id: 'view-3',
    name: '提交最新的受理',
    kind: 'ACCESS_APPLICATION',
    step: 'ACCEPTANCE',
    orderBy: 'SUBMITTED_NEWEST',
    filter: { __typename: 'QueueFilter', authorityCode: null, submittedFrom: null, submittedTo: null, search: null },
  };
  const viewHandlers = (saved: unknown[] = []) => [
    graphql.query('QueueViews', () =>
      HttpResponse.json({
        data: { viewer: { __typename: 'Viewer', accountId: 'user-th-1', queueViews: [submissionView] } },
      }),
    ),
    graphql.mutation('SaveQueueView', ({ variables }) => {
      saved.push(variables.input);
      return HttpResponse.json({
        data: { saveQueueView: { __typename: 'QueueViewSuccess', queueView: { ...submissionView, id: 'view-4' } } },
      });
    }),
  ];

  it('saves a view with the chosen 提交时间 order', async () => {
    const saved: unknown[] = [];
    server.use(
      queueHandler(() => [YF, BY]),
      ...viewHandlers(saved),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100628194821M');
    await chooseOption('filter-order', '提交最早优先');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('view-name'), '提交最早');
    await user.click(screen.getByTestId('save-view'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      name: '提交最早',
      kind: 'ACCESS_APPLICATION',
      step: 'ACCEPTANCE',
      orderBy: 'SUBMITTED_OLDEST',
    });
  });

  it('applies a view saved with a 提交时间 order, order included', async () => {
    const seen: Record<string, unknown>[] = [];
    server.use(
      queueHandler(() => [YF, BY], seen),
      ...viewHandlers(),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100628194821M');
    await chooseOption('saved-view-select', '提交最新的受理');
    await waitFor(() =>
      expect(seen.at(-1)).toEqual({
        kind: 'ACCESS_APPLICATION',
        step: 'ACCEPTANCE',
        first: 50,
        orderBy: 'SUBMITTED_NEWEST',
      }),
    );
    expect(screen.getByTestId('filter-order').textContent).toBe('提交最新优先');
  });

  it('loads the next page by cursor on 加载更多 and appends it', async () => {
    const seen: Record<string, unknown>[] = [];
    const page = (nodes: unknown[], hasNextPage: boolean, endCursor: string) => ({
      ...connection(nodes),
      totalCount: 3,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
    });
    server.use(
      graphql.query('ReviewQueue', ({ variables }) => {
        seen.push(variables);
        return HttpResponse.json({
          data: { reviewQueue: variables.after === 'p1' ? page([SL], false, 'p2') : page([YF, BY], true, 'p1') },
        });
      }),
    );
    renderApp('/workbench/queue/ACCEPTANCE', { viewer: officer });
    await screen.findByTestId('queue-row-91440100096792908X');
    expect(screen.getByTestId('queue-total').textContent).toBe('已显示 2 条，共 3 条');
    await userEvent.setup().click(screen.getByTestId('load-more'));
    await waitFor(() =>
      expect(rowIds()).toEqual([
        'queue-row-91440100628194821M',
        'queue-row-91440100096792908X',
        'queue-row-913100005432319483',
      ]),
    );
    expect(seen.at(-1)).toEqual({ kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', first: 50, after: 'p1' });
    expect(screen.queryByTestId('load-more')).toBeNull();
    expect(screen.getByTestId('queue-total').textContent).toBe('共 3 条');
  });
});
