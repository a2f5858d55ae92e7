// 平台管理 in the browser: the admin imports a registry workbook, opens an account for the new enterprise and
// raises 广东's revenue threshold effective today; the enterprise passed verification before and now fails it,
// and the failed report names the new rule.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessDate, formatIsoDate, usccCheckChar } from '../packages/domain/src/index.ts';
import type { TestServer } from '../packages/server/test/harness.ts';
import { registryWorkbookBytes } from '../packages/server/test/registry-workbook.ts';
import { chooseOption, DESKTOP, screenshot, useProduct } from './support.ts';

const BODY = '91440100E2E000001';
const NEW_USCC = `${BODY}${usccCheckChar(BODY)}`;
const NEW_NAME = '广州新登记智能制造有限公司';

/** Passes 广东's demo thresholds (3 亿 revenue, 5 万 invoices, 5 亿 amount); a second row the import refuses. */
async function registryWorkbook(): Promise<Buffer> {
  return Buffer.from(
    await registryWorkbookBytes([
      [NEW_USCC, NEW_NAME, '14401060000', 'A', '是', '否', '否', 600_000_000, 70_000, 700_000_000],
      ['91440100BAD', '代码有误的企业', '14401060000', 'A', '是', '否', '否', 1, 1, 1],
    ]),
  );
}

async function verify(page: Page, baseUrl: string): Promise<'passed' | 'failed'> {
  await page.goto(`${baseUrl}/access/application/apply`);
  // a draft that passed verification before resumes at its form: step back to 确认单位信息 to verify again
  const unitFacts = page.getByTestId('unit-facts');
  const resumed = page.getByTestId('wizard-previous');
  await unitFacts.or(resumed).first().waitFor();
  if (await resumed.isVisible()) {
    await resumed.click();
    await unitFacts.waitFor();
  }
  await page.getByTestId('wizard-livelihood-no').click();
  await page.getByTestId('wizard-confirm-unit-info').check();
  await page.getByTestId('wizard-next').click();
  const outcome = page.getByTestId('verification-passed').or(page.getByTestId('verification-failed'));
  await outcome.first().waitFor();
  return (await page.getByTestId('verification-failed').count()) > 0 ? 'failed' : 'passed';
}

describe('platform admin in the browser: registry import, a raised province threshold, a failed verification', () => {
  const product = useProduct();
  let server: TestServer;
  beforeAll(() => {
    server = product.server;
  });

  it('imports the registry, opens an account, raises 广东’s threshold; the new enterprise then fails verification', async () => {
    const admin = await product.pageFor('platform.admin');
    await admin.waitForURL((url) => url.pathname === '/admin/registry');
    await admin.getByTestId('admin-nav').waitFor();

    // 企业登记信息 → Excel 导入: one row added, one refused with its reason
    await admin.getByRole('tab', { name: 'Excel 导入' }).click();
    await admin
      .getByTestId('registry-import')
      .locator('input[type="file"]')
      .setInputFiles({
        name: '企业登记信息.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await registryWorkbook(),
      });
    await admin.getByTestId('registry-start').click();
    const summary = admin.getByTestId('registry-import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('共 2 行，成功 1 行（新增 1，更新 0），失败 1 行');
    // the results appear once registryImportProgress says done; the bar then shows the totals
    const progress = admin.getByTestId('registry-import-progress');
    expect(await progress.getAttribute('data-done')).toBe('true');
    expect(await admin.getByTestId('registry-import-progress-counts').textContent()).toBe(
      '已处理 2 / 2 行 · 成功 1 行 · 失败 1 行',
    );
    expect(await admin.getByTestId('registry-failures').getAttribute('href')).toContain('/failures.xlsx');
    // each row's result, read a page at a time once the import is done
    const rows = admin.getByTestId('registry-import-rows').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('新增');
    await screenshot(admin, 'admin-1-registry-import');

    // 用户账号 → 新增账号 for the new enterprise's legal representative; the temporary password is shown once
    await admin.getByTestId('admin-nav').getByText('用户账号').click();
    await admin.getByTestId('add-account').click();
    const form = admin.getByTestId('account-form');
    await form.getByLabel('用户名').fill('xdj.legal');
    await form.getByLabel('姓名').fill('新登记 法定代表人');
    await form.getByLabel('所属企业（统一社会信用代码）').fill(NEW_USCC);
    await chooseOption(
      admin,
      admin.getByTestId('account-identity'),
      admin.locator('.ant-select-item-option[title="法定代表人"]'),
    );
    await admin.getByRole('button', { name: /保\s*存/ }).click();
    const password = ((await admin.getByTestId('temporary-password').textContent()) ?? '').match(/Lq[A-Za-z0-9]+/)?.[0];
    expect(password).toBeTruthy();
    await screenshot(admin, 'admin-2-account-created');

    // the new enterprise passes verification under the current rule
    const context = await product.browser.newContext(DESKTOP);
    const legal = await context.newPage();
    await legal.goto(`${server.url}/login`);
    await legal.getByTestId('signin-username').fill('xdj.legal');
    await legal.getByTestId('signin-password').fill(password ?? '');
    await legal.getByTestId('signin-submit').click();
    // a password the admin issued is changed before anything else (口令策略): 修改密码 is the only page
    await legal.waitForURL((url) => url.pathname === '/account/password');
    await legal.getByTestId('password-change-required').waitFor();
    await legal.goto(`${server.url}/access/overview`);
    await legal.waitForURL((url) => url.pathname === '/account/password');
    await legal.getByTestId('current-password').fill(password ?? '');
    await legal.getByTestId('new-password').fill('Xdj-Legal-2026');
    await legal.getByTestId('confirm-password').fill('Xdj-Legal-2026');
    await screenshot(legal, 'admin-2b-change-password');
    await legal.getByTestId('change-password-submit').click();
    await legal.waitForURL((url) => url.pathname === '/access/overview');
    expect(await verify(legal, server.url)).toBe('passed');

    // 省级接入条件: 广东 raises the revenue threshold to 10 亿, effective today (the form's default)
    const today = businessDate(new Date());
    // close the dialog that showed the temporary password
    await admin.locator('.ant-modal-footer .ant-btn-primary').click();
    await admin.getByTestId('admin-nav').getByText('省级接入条件').click();
    await admin.getByTestId('rule-form').waitFor();
    expect(await admin.getByTestId('rule-effective-from').locator('input').inputValue()).toBe(today);
    await chooseOption(
      admin,
      admin.getByTestId('rule-province'),
      admin.locator('.ant-select-item-option[title="国家税务总局广东省税务局（14400000000）"]'),
    );
    await expect.poll(() => admin.getByTestId('rule-minRevenue').inputValue()).not.toBe('');
    await admin.getByTestId('rule-minRevenue').fill('1000000000');
    await admin.getByTestId('rule-save').click();
    const history = admin.getByTestId('rule-history');
    await expect.poll(async () => (await history.textContent()) ?? '').toContain('1,000,000,000');
    await screenshot(admin, 'admin-3-province-rule-raised');

    // the same verification now fails on the combined revenue, judged by today's rule
    expect(await verify(legal, server.url)).toBe('failed');
    const revenue = legal.getByTestId('check-COMBINED_REVENUE');
    expect(await revenue.textContent()).toContain('要求：不低于 10亿元');
    expect(await legal.getByTestId('rule-applied').textContent()).toContain(formatIsoDate(today, 'zh-CN'));
    await screenshot(legal, 'admin-4-verification-failed');

    await context.close();
  }, 240_000);
});
