import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { emitSubscription, openSubscriptions } from '../../test/subscriptions.ts';
import { adminConnection, adminViewer } from './test-kit.ts';

const YF = {
  __typename: 'Enterprise',
  id: 'ent-yf',
  uscc: '91440100628194821M',
  name: '广州云帆科技集团有限公司',
  competentAuthorityCode: '14401060000',
  creditRating: 'A',
  inPilot: true,
  majorViolation: false,
  livelihoodIndustry: false,
  priorYearRevenue: 820000000,
  invoiceCount12m: 126000,
  invoiceAmount12m: 960000000,
  version: 4,
};

describe('企业登记信息', () => {
  it('edits an entry with its version; a lost race reloads and says so', async () => {
    const sent: Record<string, unknown>[] = [];
    let loads = 0;
    server.use(
      graphql.query('RegistryEnterprises', () => {
        loads += 1;
        return HttpResponse.json({
          data: { registryEnterprises: adminConnection('RegistryEnterprise', [YF]), registryTemplateUrl: '/t.xlsx' },
        });
      }),
      graphql.mutation('SaveRegistryEnterprise', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: {
            saveRegistryEnterprise: {
              __typename: 'StaleVersionError',
              code: 'STALE_VERSION',
              message: '该事项已被他人处理，请刷新后重试',
              currentVersion: 5,
            },
          },
        });
      }),
    );
    renderApp('/admin/registry', { viewer: adminViewer });
    expect(await screen.findByText('广州云帆科技集团有限公司', {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByText('820,000,000')).toBeTruthy();
    await userEvent.setup().click(screen.getByTestId('edit-enterprise-91440100628194821M'));
    const form = await screen.findByTestId('registry-form');
    fireEvent.change(within(form).getByLabelText('纳税人名称'), { target: { value: '云帆集团' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('数据已被他人修改，已刷新，请重新编辑')).toBeTruthy();
    expect(sent[0]).toMatchObject({ uscc: YF.uscc, name: '云帆集团', expectedVersion: 4, priorYearRevenue: 820000000 });
    expect(sent[0]).not.toHaveProperty('id');
    await waitFor(() => expect(loads).toBeGreaterThanOrEqual(2));
  }, 60_000);

  it('imports a workbook: the bar follows the pushed progress, then per-row results and the failure report link', async () => {
    const files: { name: string }[] = [];
    const reads: string[] = [];
    const rowReads: (string | null)[] = [];
    const ROWS = [
      {
        __typename: 'RegistryImportRow',
        row: 2,
        uscc: YF.uscc,
        succeeded: true,
        outcome: 'UPDATED',
        code: null,
        message: null,
      },
      {
        __typename: 'RegistryImportRow',
        row: 3,
        uscc: '91440100096792908X',
        succeeded: true,
        outcome: 'CREATED',
        code: null,
        message: null,
      },
      {
        __typename: 'RegistryImportRow',
        row: 4,
        uscc: 'X',
        succeeded: false,
        outcome: null,
        code: 'INVALID_USCC',
        message: '统一社会信用代码应为 18 位',
      },
    ];
    let loads = 0;
    const record = (fields: Record<string, unknown>) => ({
      __typename: 'RegistryImport',
      id: 'imp-1',
      fileName: '登记.xlsx',
      created: 0,
      updated: 0,
      failureReportUrl: null,
      ...fields,
    });
    server.use(
      graphql.query('RegistryEnterprises', () => {
        loads += 1;
        return HttpResponse.json({
          data: {
            registryEnterprises: adminConnection('RegistryEnterprise', [YF]),
            registryTemplateUrl: '/templates/registry.xlsx',
          },
        });
      }),
      // the server answers at once; the rows are processed in the background
      graphql.mutation('ImportRegistry', ({ variables }) => {
        files.push(variables.input.file);
        return HttpResponse.json({
          data: {
            importRegistry: {
              __typename: 'ImportRegistrySuccess',
              record: record({ status: 'PROCESSING', total: 3, succeeded: 0, failed: 0 }),
            },
          },
        });
      }),
      graphql.query('RegistryImport', ({ variables }) => {
        reads.push(variables.id);
        return HttpResponse.json({
          data: {
            registryImport: record({
              status: 'DONE',
              total: 3,
              succeeded: 2,
              failed: 1,
              created: 1,
              updated: 1,
              failureReason: null,
              failureReportUrl: '/admin/registry-imports/imp-1/failures.xlsx?u=a&e=1&s=x',
            }),
          },
        });
      }),
      // the finished import's rows, in two pages: 2 and 3, then 4 after 加载更多
      graphql.query('RegistryImportRows', ({ variables }) => {
        rowReads.push(variables.after ?? null);
        const edges = ROWS.slice(variables.after ? 2 : 0, variables.after ? 3 : 2);
        return HttpResponse.json({
          data: {
            registryImport: {
              __typename: 'RegistryImport',
              id: variables.id,
              results: {
                __typename: 'RegistryImportRowConnection',
                totalCount: 3,
                pageInfo: { __typename: 'PageInfo', hasNextPage: !variables.after, endCursor: 'rows-1' },
                edges: edges.map((node) => ({ __typename: 'RegistryImportRowEdge', node })),
              },
            },
          },
        });
      }),
    );
    renderApp('/admin/registry', { viewer: adminViewer });
    const user = userEvent.setup();
    await user.click(await screen.findByText('Excel 导入', {}, { timeout: 20_000 }));
    expect(screen.getByTestId('registry-template').getAttribute('href')).toBe('/templates/registry.xlsx');
    const picker = screen.getByTestId('registry-import');
    await user.upload(picker.querySelector('input[type="file"]') as HTMLInputElement, new File(['PK'], '登记.xlsx'));
    expect((await screen.findByTestId('registry-file-name')).textContent).toBe('登记.xlsx');
    await user.click(screen.getByTestId('registry-start'));
    const progress = await screen.findByTestId('registry-import-progress');
    expect(files[0]?.name).toBe('登记.xlsx');
    expect(progress.getAttribute('data-done')).toBe('false');
    expect(screen.getByTestId('registry-import-progress-counts').textContent).toBe(
      '已处理 0 / 3 行 · 成功 0 行 · 失败 0 行',
    );
    await waitFor(() => expect(openSubscriptions('registryImportProgress')).toBe(1));
    const bar = () => progress.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow');
    expect(bar()).toBe('0');

    act(() => {
      emitSubscription('registryImportProgress', {
        importRecordId: 'imp-1',
        total: 3,
        processed: 2,
        succeeded: 1,
        failed: 1,
        done: false,
      });
    });
    await waitFor(() =>
      expect(screen.getByTestId('registry-import-progress-counts').textContent).toBe(
        '已处理 2 / 3 行 · 成功 1 行 · 失败 1 行',
      ),
    );
    expect(bar()).toBe('66');
    // the results wait for the end of the import
    expect(screen.queryByTestId('registry-import-summary')).toBeNull();
    expect(reads).toEqual([]);
    const loadsBefore = loads;

    act(() => {
      emitSubscription('registryImportProgress', {
        importRecordId: 'imp-1',
        total: 3,
        processed: 3,
        succeeded: 2,
        failed: 1,
        done: true,
      });
    });
    const summary = await screen.findByTestId('registry-import-summary');
    expect(summary.textContent).toContain('共 3 行，成功 2 行（新增 1，更新 1），失败 1 行');
    expect(reads).toEqual(['imp-1']);
    expect(progress.getAttribute('data-done')).toBe('true');
    expect(bar()).toBe('100');
    expect(screen.getByTestId('registry-failures').getAttribute('href')).toContain('/failures.xlsx');
    expect(await screen.findByText('更新')).toBeTruthy();
    expect(screen.queryByText('统一社会信用代码应为 18 位')).toBeNull();
    await user.click(screen.getByTestId('load-more'));
    expect(await screen.findByText('统一社会信用代码应为 18 位')).toBeTruthy();
    expect(rowReads).toEqual([null, 'rows-1']);
    // the registry list is read again for the new and updated entries
    await waitFor(() => expect(loads).toBeGreaterThan(loadsBefore));
  }, 60_000);
});
