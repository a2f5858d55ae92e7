// An officer's workbench is open when the platform admin disables the account: the server closes the live socket
// (4401), the page asks who is signed in, finds nobody and shows the sign-in page saying why — without a reload or
// a click.
import { expect, it } from 'vitest';
import { screenshot, useProduct } from './support.ts';

const product = useProduct();

it('disabling an account signs its open pages out', async () => {
  const server = product.server;
  const page = await product.pageFor('hzq.officer2');
  await page.goto(`${server.url}/workbench/queue/ACCEPTANCE`);
  await page.getByTestId('queue-table').waitFor();
  await page.locator('[data-testid="live-indicator"][data-state="connected"]').waitFor();

  const admin = await server.signIn('platform.admin');
  const found = await server.gql(
    '{ userAccounts(search: "hzq.officer2", first: 1) { edges { node { id version } } } }',
    {},
    admin,
  );
  const { id, version } = found.data?.userAccounts.edges[0].node ?? {};
  const disabled = await server.gql(
    'mutation($input: SetUserAccountDisabledInput!) { setUserAccountDisabled(input: $input) { __typename } }',
    { input: { id, disabled: true, expectedVersion: version } },
    admin,
  );
  expect(disabled.data?.setUserAccountDisabled.__typename).toBe('SetUserAccountDisabledSuccess');

  await page.waitForURL((url) => url.pathname.startsWith('/login'), { timeout: 15_000 });
  await page.getByTestId('signin-username').waitFor();
  expect(await page.getByTestId('session-ended').textContent()).toContain('您的登录已失效');
  expect(await page.evaluate(() => localStorage.getItem('leqi.token'))).toBeNull();
  await screenshot(page, 'session-revoked-sign-in');
});
