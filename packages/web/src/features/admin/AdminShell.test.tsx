import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { officerViewer } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { server } from '../../test/server.ts';
import { adminConnection, adminViewer } from './test-kit.ts';

describe('平台管理 area', () => {
  it('is the admin’s home, with one menu entry per page', async () => {
    server.use(
      graphql.query('RegistryEnterprises', () =>
        HttpResponse.json({
          data: { registryEnterprises: adminConnection('RegistryEnterprise', []), registryTemplateUrl: '/t.xlsx' },
        }),
      ),
      graphql.query('AdminTaxAuthorities', () =>
        HttpResponse.json({ data: { adminTaxAuthorities: adminConnection('AdminTaxAuthority', []) } }),
      ),
    );
    renderApp('/', { viewer: adminViewer });
    const nav = await screen.findByTestId('admin-nav', {}, { timeout: 20_000 });
    for (const label of ['税务机关', '企业登记信息', '省级接入条件', '能力目录', '用户账号']) {
      expect(nav.textContent).toContain(label);
    }
    expect(await screen.findByTestId('registry-search')).toBeTruthy();
    await userEvent.setup().click(screen.getByText('税务机关'));
    expect(await screen.findByTestId('add-authority')).toBeTruthy();
  }, 60_000);

  it('is not for officers', async () => {
    server.use(graphql.query(/.*/, () => HttpResponse.json({ data: null })));
    renderApp('/admin/accounts', { viewer: officerViewer() });
    await waitFor(() => expect(screen.queryByTestId('admin-nav')).toBeNull());
    expect(screen.queryByTestId('add-account')).toBeNull();
  });
});
