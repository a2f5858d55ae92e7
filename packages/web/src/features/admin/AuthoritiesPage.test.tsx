import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { adminConnection, adminViewer, issuesPayload } from './test-kit.ts';

const GD = {
  __typename: 'TaxAuthority',
  code: '14400000000',
  name: '国家税务总局广东省税务局',
  level: 'PROVINCIAL',
  parentCode: null,
  version: 0,
};
const TH = {
  __typename: 'TaxAuthority',
  code: '14401060000',
  name: '广州市天河区税务局',
  level: 'LOCAL',
  parentCode: '14400000000',
  version: 2,
};

describe('税务机关', () => {
  it('shows the first page and appends the next by 加载更多; a failed page says so and can be retried', async () => {
    const afters: unknown[] = [];
    let failNext = true;
    server.use(
      graphql.query('AdminTaxAuthorities', ({ variables }) => {
        afters.push(variables.after ?? null);
        if (!variables.after)
          return HttpResponse.json({
            data: {
              adminTaxAuthorities: adminConnection('AdminTaxAuthority', [GD], { totalCount: 2, endCursor: 'c1' }),
            },
          });
        if (failNext) {
          failNext = false;
          return HttpResponse.json({ errors: [{ message: '服务暂不可用' }] });
        }
        return HttpResponse.json({
          data: { adminTaxAuthorities: adminConnection('AdminTaxAuthority', [TH], { totalCount: 2 }) },
        });
      }),
    );
    renderApp('/admin/authorities', { viewer: adminViewer });
    expect(await screen.findByText(GD.name)).toBeTruthy();
    expect(screen.queryByText(TH.name)).toBeNull();
    await userEvent.click(screen.getByTestId('load-more'));
    expect(await screen.findByText(/服务暂不可用/)).toBeTruthy();
    expect(screen.getByText(GD.name)).toBeTruthy();
    await userEvent.click(screen.getByTestId('load-more'));
    expect(await screen.findByText(TH.name)).toBeTruthy();
    expect(screen.getByText(GD.name)).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('load-more')).toBeNull());
    expect(afters).toEqual([null, 'c1', 'c1']);
  });

  it('lists authorities and saves an edit with its version; field issues land on the field', async () => {
    const sent: Record<string, unknown>[] = [];
    server.use(
      graphql.query('AdminTaxAuthorities', () =>
        HttpResponse.json({ data: { adminTaxAuthorities: adminConnection('AdminTaxAuthority', [GD, TH]) } }),
      ),
      graphql.mutation('SaveTaxAuthority', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: {
            saveTaxAuthority:
              sent.length === 1
                ? issuesPayload([
                    {
                      field: 'parentCode',
                      code: 'INVALID_AUTHORITY_CODE',
                      message: '税务机关代码应为以 1 开头的 11 位数字',
                    },
                  ])
                : { __typename: 'SaveTaxAuthoritySuccess', taxAuthority: { ...TH, name: '天河区局', version: 3 } },
          },
        });
      }),
    );
    renderApp('/admin/authorities', { viewer: adminViewer });
    expect(await screen.findByText('广州市天河区税务局', {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByText('省级')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('edit-authority-14401060000'));
    const form = await screen.findByTestId('authority-form');
    const name = within(form).getByLabelText('税务机关名称');
    fireEvent.change(name, { target: { value: '天河区局' } });
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await within(form).findByText('税务机关代码应为以 1 开头的 11 位数字')).toBeTruthy();
    expect(sent[0]).toMatchObject({ code: '14401060000', name: '天河区局', level: 'LOCAL', expectedVersion: 2 });
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByTestId('authority-form')).toBeNull());
    expect(sent).toHaveLength(2);
  }, 60_000);

  it('adds a new authority without a version', async () => {
    const sent: Record<string, unknown>[] = [];
    server.use(
      graphql.query('AdminTaxAuthorities', () =>
        HttpResponse.json({ data: { adminTaxAuthorities: adminConnection('AdminTaxAuthority', [GD]) } }),
      ),
      graphql.mutation('SaveTaxAuthority', ({ variables }) => {
        sent.push(variables.input);
        return HttpResponse.json({
          data: { saveTaxAuthority: { __typename: 'SaveTaxAuthoritySuccess', taxAuthority: { ...TH, version: 0 } } },
        });
      }),
    );
    renderApp('/admin/authorities', { viewer: adminViewer, lang: 'en' });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('add-authority', {}, { timeout: 20_000 }));
    const form = await screen.findByTestId('authority-form');
    fireEvent.change(within(form).getByLabelText('Authority code'), { target: { value: '14401060000' } });
    fireEvent.change(within(form).getByLabelText('Authority name'), { target: { value: '天河' } });
    fireEvent.change(within(form).getByLabelText('Parent authority code'), { target: { value: '14400000000' } });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      code: '14401060000',
      name: '天河',
      level: 'LOCAL',
      parentCode: '14400000000',
      expectedVersion: null,
    });
  }, 60_000);
});
