import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { dayInput, pickDay, weekdayHeads } from '../../test/date-picker.ts';
import { renderApp } from '../../test/render.tsx';
import { chooseOption } from '../../test/select.ts';
import { server } from '../../test/server.ts';
import { issuesPayload } from './test-kit.ts';

const rule = (id: string, effectiveFrom: string, minRevenue: number) => ({
  __typename: 'ProvinceRuleRecord',
  id,
  provinceCode: '14400000000',
  provinceName: '国家税务总局广东省税务局',
  minRevenue,
  minInvoiceCount: 50000,
  minInvoiceAmount: 500000000,
  livelihoodMinRevenue: 50000000,
  livelihoodMinInvoiceCount: 10000,
  livelihoodMinInvoiceAmount: 100000000,
  effectiveFrom,
  createdAt: '2026-11-20T00:00:00.000Z',
  createdBy: '平台管理员',
});

describe('省级接入条件', () => {
  it('shows the history with what is in force, and creates a rule starting from the current thresholds', async () => {
    const sent: Record<string, unknown>[] = [];
    server.use(
      // the history in two pages: r3 and r2, then r1 after 加载更多
      graphql.query('ProvinceRuleHistory', ({ variables }) =>
        HttpResponse.json({
          data: {
            provinceRuleHistory: {
              __typename: 'ProvinceRuleHistory',
              today: '2026-11-25',
              inForce: [rule('r2', '2025-01-01', 300000000)],
              rules: {
                __typename: 'ProvinceRuleRecordConnection',
                totalCount: 3,
                pageInfo: {
                  __typename: 'PageInfo',
                  hasNextPage: !variables.after,
                  endCursor: variables.after ? 'page-2' : 'page-1',
                },
                edges: (variables.after
                  ? [rule('r1', '2024-01-01', 200000000)]
                  : [rule('r3', '2026-12-01', 900000000), rule('r2', '2025-01-01', 300000000)]
                ).map((node) => ({ __typename: 'ProvinceRuleRecordEdge', node })),
              },
            },
            taxAuthorities: [
              {
                __typename: 'TaxAuthority',
                code: '14400000000',
                name: '国家税务总局广东省税务局',
                level: 'PROVINCIAL',
              },
            ],
          },
        }),
      ),
      graphql.mutation('CreateProvinceRule', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: {
            createProvinceRule:
              sent.length === 1
                ? issuesPayload([
                    { field: 'effectiveFrom', code: 'DATE_IN_PAST', message: '生效日期不能早于今天（2026-11-25）' },
                  ])
                : { __typename: 'CreateProvinceRuleSuccess', rule: rule('r4', '2026-11-25', 1000000000) },
          },
        });
      }),
    );
    renderApp('/admin/rules', { viewer: (await import('./test-kit.ts')).adminViewer });
    const history = await screen.findByTestId('rule-history', {}, { timeout: 20_000 });
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(3));
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(4));
    expect(screen.queryByTestId('load-more')).toBeNull();
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent?.match(/现行|待生效|已失效/)?.[0])).toEqual(['待生效', '现行', '已失效']);

    const form = screen.getByTestId('rule-form');
    expect(dayInput('rule-effective-from').value).toBe('2026-11-25');
    // an antd calendar in the app's language, not the browser's native date input
    expect(dayInput('rule-effective-from').getAttribute('type')).not.toBe('date');
    expect(await weekdayHeads('rule-effective-from')).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    await chooseOption('rule-province', '国家税务总局广东省税务局（14400000000）');
    await waitFor(() =>
      expect((screen.getByTestId('rule-minRevenue') as HTMLInputElement).value).toBe(
        '300,000,000.00'.replace(/,/g, ''),
      ),
    );
    fireEvent.change(screen.getByTestId('rule-minRevenue'), { target: { value: '1000000000' } });
    // days before the server's today cannot be picked; the server's own check is still shown under the field
    await pickDay('rule-effective-from', '2026-11-24');
    expect(dayInput('rule-effective-from').value).toBe('2026-11-25');
    await pickDay('rule-effective-from', '2026-11-26');
    fireEvent.click(screen.getByTestId('rule-save'));
    expect(await within(form).findByText('生效日期不能早于今天（2026-11-25）')).toBeTruthy();
    expect(sent[0]).toMatchObject({
      provinceCode: '14400000000',
      minRevenue: 1000000000,
      minInvoiceCount: 50000,
      effectiveFrom: '2026-11-26',
    });
    await pickDay('rule-effective-from', '2026-11-25');
    fireEvent.click(screen.getByTestId('rule-save'));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ effectiveFrom: '2026-11-25' });
    expect(await screen.findByText('已保存')).toBeTruthy();
  }, 60_000);
});
