// 安全审计 and 登录失败处理 in the browser (issue 22): wrong passwords lock an officer's account; the admin sees the
// lock on 用户账号 and lifts it, then on 安全审计 filters the officer's failed sign-ins and exports them to Excel.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DESKTOP, ExcelJS, screenshot, useProduct } from './support.ts';

const product = useProduct({ SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '4', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000' });

async function tryPassword(page: Page, password: string): Promise<string> {
  await page.getByTestId('signin-username').fill('hzq.officer1');
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  const error = page.getByTestId('signin-error');
  await error.waitFor();
  const text = (await error.textContent()) ?? '';
  // the next attempt waits for this answer to be replaced, not for the same text
  await page.getByTestId('signin-username').fill('');
  return text;
}

it('five wrong passwords lock an officer; the admin lifts the lock, then filters and exports the failures', async () => {
  const context = await product.browser.newContext(DESKTOP);
  const officer = await context.newPage();
  await officer.goto(`${product.server.url}/login`);
  const answers: string[] = [];
  for (let attempt = 0; attempt < 5; attempt += 1) answers.push(await tryPassword(officer, `Wrong-Pass-${attempt}`));
  expect(answers.slice(0, 4).every((answer) => answer.includes('用户名或密码错误'))).toBe(true);
  expect(answers[4]).toContain('登录尝试过于频繁');
  // locked: the right password is refused too
  expect(await tryPassword(officer, 'Leqi@2026')).toContain('登录尝试过于频繁');

  const admin = await product.pageFor('platform.admin');
  await admin.goto(`${product.server.url}/admin/accounts`);
  await admin.getByTestId('account-search').locator('input').fill('hzq.officer1');
  await admin.getByTestId('account-search').locator('input').press('Enter');
  await admin.getByTestId('locked-hzq.officer1').waitFor();
  await screenshot(admin, 'security-1-locked-account');
  await admin.getByTestId('unlock-hzq.officer1').click();
  await admin.getByText('已解除登录锁定').waitFor();
  await expect.poll(() => admin.getByTestId('locked-hzq.officer1').count()).toBe(0);

  await officer.getByTestId('signin-username').fill('hzq.officer1');
  await officer.getByTestId('signin-password').fill('Leqi@2026');
  await officer.getByTestId('signin-submit').click();
  await officer.waitForURL((url) => url.pathname.startsWith('/workbench'));

  // 安全审计: the officer's failures, newest first, with the reason and the address
  await admin.getByTestId('admin-nav').getByText('安全审计').click();
  await admin.waitForURL((url) => url.pathname === '/admin/security-log');
  await admin.getByTestId('security-filter-user').locator('input').fill('hzq.officer1');
  await admin.getByTestId('security-filter-user').locator('input').press('Enter');
  await admin.getByTestId('security-filter-outcome').click();
  await admin.getByTitle('失败').click();
  const rows = admin.getByTestId('security-log').locator('tbody tr.ant-table-row');
  // four wrong passwords and the lock-out (the attempts refused within the lock are not records of their own)
  await expect.poll(() => rows.count()).toBe(5);
  expect(await rows.nth(0).textContent()).toContain('登录失败次数过多，已锁定');
  expect(await rows.nth(1).textContent()).toContain('密码错误');
  expect(await rows.nth(1).textContent()).toContain('127.0.0.1');
  await screenshot(admin, 'security-2-log-filtered');

  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('security-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^安全审计记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync((await download.path()) as string) as never);
  const sheet = workbook.getWorksheet('安全审计记录');
  expect(sheet?.actualRowCount).toBe(6);
  expect(sheet?.getRow(2).getCell(2).value).toBe('登录失败次数过多，已锁定');
  expect(sheet?.getRow(3).getCell(9).value).toBe('密码错误');

  // the export is itself a record of the log
  await admin.getByTestId('security-filter-reset').click();
  await expect.poll(async () => (await rows.nth(0).textContent()) ?? '').toContain('导出安全审计记录');
  await context.close();
});
