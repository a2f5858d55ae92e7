// A production deployment as the attacker of issue 13 found it, in the browser: the built web app (trusted
// documents) on NODE_ENV=production without SEED_DEMO_DATA. The sign-in page offers no demo users and the demo
// admin's published password opens nothing; the first admin, created the way `pnpm admin:create` does, signs in.
import { expect, it } from 'vitest';
import { createAdminFromCommandLine } from '../packages/server/src/features/admin/first-admin.ts';
import { totpCode } from '../packages/server/src/platform/auth/totp.ts';
import { DESKTOP, screenshot, useProduct } from './support.ts';

const product = useProduct({ NODE_ENV: 'production' });

it('offers no demo users, refuses the demo admin, and lets the first admin in', async () => {
  const created = await createAdminFromCommandLine(product.server.running.app, {
    username: 'ops.admin',
    password: 'Ops-Admin-2026-secret',
    displayName: '运维管理员',
  });
  expect(created.ok).toBe(true);
  const context = await product.browser.newContext(DESKTOP);
  const page = await context.newPage();
  const demoUsersAnswers: string[] = [];
  page.on('response', async (response) => {
    // the API's answers only: since gql.tada, a script chunk is named graphql-….js and holds the documents' text
    if (new URL(response.url()).pathname !== '/graphql') return;
    const text = await response.text().catch(() => '');
    if (text.includes('demoUsers')) demoUsersAnswers.push(text);
  });
  await page.goto(`${product.server.url}/login`);
  await page.getByTestId('signin-username').waitFor();
  await expect.poll(() => demoUsersAnswers.length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(JSON.parse(demoUsersAnswers[0] as string)).toEqual({ data: { demoUsers: [] } });
  expect(await page.getByTestId('demo-users-card').count()).toBe(0);
  expect(await page.locator('body').textContent()).not.toContain('Leqi@2026');

  await page.getByTestId('signin-username').fill('platform.admin');
  await page.getByTestId('signin-password').fill('Leqi@2026');
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('signin-error').waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
  await screenshot(page, 'production-sign-in');

  await page.getByTestId('signin-username').fill('ops.admin');
  await page.getByTestId('signin-password').fill('Ops-Admin-2026-secret');
  await page.getByTestId('signin-submit').click();
  // production requires two factors of admins: the first sign-in sets them up before anything else
  await page.waitForURL((url) => url.pathname === '/account/two-factor', { timeout: 15_000 });
  await page.getByTestId('two-factor-start').click();
  const secret = ((await page.getByTestId('two-factor-secret').locator('code').textContent()) ?? '').replace(/\s/g, '');
  await page.getByTestId('one-time-code').fill(totpCode(secret));
  await page.getByTestId('two-factor-confirm').click();
  await page.getByTestId('recovery-codes-saved').click();
  await page.waitForURL((url) => url.pathname.startsWith('/admin'), { timeout: 15_000 });
  await context.close();
});
