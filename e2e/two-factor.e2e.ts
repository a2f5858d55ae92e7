// 双因素认证 in the browser (issue 22): where officers must use two factors, an officer's first sign-in leads only
// to setting them up: they scan the QR code (here: read its secret), confirm with a code, keep the recovery codes,
// and from then on sign in with password and code. The admin resets the officer's two factors after a lost phone:
// the officer is signed out and sets them up again.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { totpCode } from '../packages/server/src/platform/auth/totp.ts';
import { PHONE, screenshot, useProduct } from './support.ts';

const product = useProduct({ TWO_FACTOR_ROLES: 'OFFICER' });

/** The secret as the page shows it for typing in by hand, without the grouping spaces. */
async function secretOnPage(page: Page): Promise<string> {
  const text = await page.getByTestId('two-factor-secret').locator('code').textContent();
  return (text ?? '').replace(/\s/g, '');
}

async function signInWithPassword(page: Page, username: string): Promise<void> {
  await page.goto(`${product.server.url}/login`);
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill('Leqi@2026');
  await page.getByTestId('signin-submit').click();
}

it('an officer sets up two factors at the first sign-in, then signs in with a code; the admin resets them', async () => {
  const officer = await product.pageFor('th.officer1');
  // nothing but the set-up page until two factors are on, whatever page is asked for
  await officer.waitForURL((url) => url.pathname === '/account/two-factor');
  await officer.goto(`${product.server.url}/workbench`);
  await officer.waitForURL((url) => url.pathname === '/account/two-factor');
  expect(await officer.getByTestId('two-factor-required').textContent()).toContain('须设置双因素认证');
  await officer.getByTestId('two-factor-start').click();
  await officer.getByTestId('two-factor-qr').locator('canvas').waitFor();
  const secret = await secretOnPage(officer);
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await screenshot(officer, 'two-factor-1-enrol');

  await officer.getByTestId('one-time-code').fill('000000');
  await officer.getByTestId('two-factor-confirm').click();
  await officer.getByText('动态验证码或恢复码不正确').waitFor();
  await officer.getByTestId('one-time-code').fill(totpCode(secret));
  await officer.getByTestId('two-factor-confirm').click();
  const codes = officer.getByTestId('recovery-codes').locator('li');
  await expect.poll(() => codes.count()).toBe(10);
  const recovery = (await codes.nth(0).textContent()) as string;
  expect(recovery).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await screenshot(officer, 'two-factor-2-recovery-codes');
  // the download holds the same ten codes, one per line
  const [download] = await Promise.all([
    officer.waitForEvent('download'),
    officer.getByTestId('recovery-codes-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('leqi-recovery-codes-th.officer1.txt');
  const saved = readFileSync((await download.path()) as string, 'utf8')
    .trim()
    .split('\n');
  expect(saved).toEqual(await codes.allTextContents());
  await officer.getByTestId('recovery-codes-saved').click();
  await officer.waitForURL((url) => url.pathname.startsWith('/workbench'));

  // signed out, the password alone is not enough: the page asks for the code
  await officer.getByTestId('sign-out').click();
  await signInWithPassword(officer, 'th.officer1');
  await officer.getByTestId('signin-code-needed').waitFor();
  expect(new URL(officer.url()).pathname).toBe('/login');
  await screenshot(officer, 'two-factor-3-sign-in-code');
  await officer.getByTestId('signin-code').fill(totpCode(secret, Date.now() + 30_000));
  await officer.getByTestId('signin-submit').click();
  await officer.waitForURL((url) => url.pathname.startsWith('/workbench'));

  // a lost phone: a recovery code signs in once
  await officer.getByTestId('sign-out').click();
  await signInWithPassword(officer, 'th.officer1');
  await officer.getByTestId('signin-code').fill(recovery.toUpperCase());
  await officer.getByTestId('signin-submit').click();
  await officer.waitForURL((url) => url.pathname.startsWith('/workbench'));

  // the admin resets the officer's two factors: the officer's session ends, and they set them up again
  const admin = await product.pageFor('platform.admin');
  await admin.goto(`${product.server.url}/admin/accounts`);
  await admin.getByTestId('account-search').locator('input').fill('th.officer1');
  await admin.getByTestId('account-search').locator('input').press('Enter');
  await admin.getByTestId('two-factor-th.officer1').waitFor();
  await admin.getByTestId('reset-two-factor-th.officer1').click();
  await admin.getByText(/身份验证器密钥与恢复码全部作废/).waitFor();
  await admin
    .getByRole('button', { name: /确\s*定/ })
    .last()
    .click();
  await admin.getByText('双因素认证已重置，该用户的登录会话均已失效').waitFor();
  await expect.poll(() => admin.getByTestId('two-factor-th.officer1').count()).toBe(0);

  await officer.goto(`${product.server.url}/workbench`);
  await officer.waitForURL((url) => url.pathname === '/login');
  await signInWithPassword(officer, 'th.officer1');
  await officer.waitForURL((url) => url.pathname === '/account/two-factor');
  await officer.getByTestId('two-factor-start').waitFor();
});

it('the set-up page fits a phone', async () => {
  const page = await product.pageFor('th.officer2', PHONE);
  await page.waitForURL((url) => url.pathname === '/account/two-factor');
  await page.getByTestId('two-factor-start').click();
  await page.getByTestId('two-factor-qr').locator('canvas').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'two-factor-4-phone');
});
