import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { enterpriseViewer, hoursAgo } from '../../test/fixtures.ts';
import { invitationHandlers } from '../../test/handlers.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { emitSubscription, openSubscriptions } from '../../test/subscriptions.ts';
import type { ImportRecord } from './import-api.ts';

const dcuUser = enterpriseViewer({
  username: 'sl.legal',
  enterprise: { id: 'ent-sl', uscc: '913100005432319483', name: '上海申联数据服务有限公司' },
});

function record(overrides: Partial<ImportRecord> = {}) {
  return {
    __typename: 'ImportRecord',
    id: 'imp-1',
    fileName: '邀请.xlsx',
    status: 'DONE',
    total: 3,
    succeeded: 2,
    failed: 1,
    createdAt: hoursAgo(2),
    finishedAt: hoursAgo(2),
    failureReportUrl: '/files/import-failures/imp-1?signature=x',
    ...overrides,
  };
}

function pageHandler(records: () => ReturnType<typeof record>[], counter?: { n: number }) {
  return graphql.query('ImportInvitationsPage', () => {
    if (counter) counter.n++;
    const list = records();
    return HttpResponse.json({
      data: {
        invitationTemplateUrl: '/files/templates/use-unit-invitations.xlsx',
        importRecords: {
          __typename: 'ImportRecordConnection',
          totalCount: list.length,
          edges: list.map((node, i) => ({ __typename: 'ImportRecordEdge', cursor: `c${i}`, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        },
      },
    });
  });
}

describe('接入邀请 → 导入邀请', () => {
  it('offers the template and lists 导入记录 with the failure report link', async () => {
    server.use(
      ...invitationHandlers,
      pageHandler(() => [record(), record({ id: 'imp-2', failed: 0, succeeded: 3, failureReportUrl: null })]),
    );
    renderApp('/access/invitations/import', { viewer: dcuUser });
    expect((await screen.findByTestId('download-template')).getAttribute('href')).toBe(
      '/files/templates/use-unit-invitations.xlsx',
    );
    const row = await screen.findByTestId('import-record-imp-1');
    expect(row.textContent).toContain('邀请.xlsx');
    expect(row.textContent).toContain('已完成');
    expect(within(row).getByTestId('failure-report-imp-1').getAttribute('href')).toBe(
      '/files/import-failures/imp-1?signature=x',
    );
    expect(within(screen.getByTestId('import-record-imp-2')).queryByTestId('failure-report-imp-2')).toBeNull();
  });

  it('refuses a file that is not .xlsx before sending it', async () => {
    server.use(
      ...invitationHandlers,
      pageHandler(() => []),
    );
    renderApp('/access/invitations/import', { viewer: dcuUser });
    const picker = await screen.findByTestId('import-file');
    await userEvent
      .setup({ applyAccept: false })
      .upload(picker.querySelector('input[type="file"]') as HTMLInputElement, new File(['x'], '邀请.csv'));
    expect((await screen.findByTestId('file-error')).textContent).toContain('请选择 .xlsx 文件');
  });

  it('uploads the workbook and shows the progress pushed by the importProgress subscription', async () => {
    const sent: any[] = [];
    const loads = { n: 0 };
    let records = [record()];
    server.use(
      ...invitationHandlers,
      pageHandler(() => records, loads),
      graphql.mutation('ImportUseUnitInvitations', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: {
            importUseUnitInvitations: {
              __typename: 'ImportUseUnitInvitationsSuccess',
              importRecord: record({
                id: 'imp-9',
                fileName: '第二批.xlsx',
                status: 'PROCESSING',
                total: 0,
                succeeded: 0,
                failed: 0,
                failureReportUrl: null,
              }),
            },
          },
        });
      }),
    );
    renderApp('/access/invitations/import', { viewer: dcuUser });
    const user = userEvent.setup();
    const picker = await screen.findByTestId('import-file');
    await user.upload(picker.querySelector('input[type="file"]') as HTMLInputElement, new File(['PK'], '第二批.xlsx'));
    expect((await screen.findByTestId('chosen-file')).textContent).toBe('第二批.xlsx');
    await user.click(screen.getByTestId('import-submit'));
    const progress = await screen.findByTestId('import-progress');
    expect(sent).toHaveLength(1);
    expect(sent[0].file?.name).toBe('第二批.xlsx');
    expect(sent[0].proofMaterialIds).toEqual([]);
    await waitFor(() => expect(openSubscriptions('importProgress')).toBe(1));

    act(() => {
      emitSubscription('importProgress', {
        importRecordId: 'imp-9',
        processed: 500,
        total: 2000,
        succeeded: 480,
        failed: 20,
        done: false,
      });
    });
    await waitFor(() =>
      expect(within(progress).getByTestId('import-progress-counts').textContent).toContain('500 / 2000'),
    );
    expect(progress.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('25');

    records = [record({ id: 'imp-9', fileName: '第二批.xlsx', total: 2000, succeeded: 1950, failed: 50 }), record()];
    const before = loads.n;
    act(() => {
      emitSubscription('importProgress', {
        importRecordId: 'imp-9',
        processed: 2000,
        total: 2000,
        succeeded: 1950,
        failed: 50,
        done: true,
      });
    });
    await waitFor(() => expect(screen.getByTestId('import-progress').getAttribute('data-done')).toBe('true'));
    await waitFor(() => expect(loads.n).toBeGreaterThan(before));
    expect((await screen.findByTestId('import-record-imp-9')).textContent).toContain('1950');
  });
});
