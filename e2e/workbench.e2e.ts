import { describe, expect, it } from 'vitest';
import { chooseOption, screenshot, useProduct } from './support.ts';

const DAY = 86_400_000;

describe('审核工作台 in the browser: due tags, filters, saved views, preview, live dashboard', () => {
  const product = useProduct();

  it('天河 officer sees overdue cases, filters and saves a view, previews a material, watches the dashboard', async () => {
    const server = product.server;
    const db = server.running.app.db;
    // 天河's waiting application has waited 30 calendar days (overdue); a second one, of 白云公交, 4 working days (due soon)
    const older = await db.accessApplication.findFirstOrThrow({
      where: { status: 'PENDING_ACCEPTANCE', competentAuthorityCode: '14401060000' },
      include: { enterprise: true },
    });
    await db.accessApplication.update({
      where: { id: older.id },
      data: { stepEnteredAt: new Date(Date.now() - 30 * DAY) },
    });
    let soon = new Date(Date.now() - 4 * DAY);
    const workingDaysSince = (from: Date) => {
      let count = 0;
      for (let t = from.getTime() + DAY; t <= Date.now() + 1; t += DAY) {
        const day = new Date(t + 8 * 3_600_000).getUTCDay();
        if (day !== 0 && day !== 6) count += 1;
      }
      return count;
    };
    while (workingDaysSince(soon) < 4) soon = new Date(soon.getTime() - DAY);
    const baiyun = await db.enterprise.findUniqueOrThrow({ where: { uscc: '91440100096792908X' } });
    await db.accessApplication.create({
      data: {
        enterpriseId: baiyun.id,
        status: 'PENDING_ACCEPTANCE',
        competentAuthorityCode: '14401060000',
        provinceCode: '14400000000',
        createdById: 'e2e',
        submittedAt: soon,
        stepEnteredAt: soon,
      },
    });

    const page = await product.pageFor('th.officer1');
    await page.goto(`${server.url}/workbench/queue/ACCEPTANCE`);
    const overdue = page.locator('[data-due-state="OVERDUE"]').first();
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain('已超期');
    expect(await page.locator('[data-due-state="DUE_SOON"]').first().textContent()).toContain('即将到期');
    await screenshot(page, 'workbench-queue-due-tags');

    // filter by name, then save the view
    const name = older.enterprise.name;
    await page.getByTestId('filter-search').locator('input').fill(name);
    await page.getByTestId('filter-search').locator('input').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="queue-row-"]').length === 1, undefined, {
      timeout: 15_000,
    });
    expect(await page.getByTestId(`queue-row-${older.enterprise.uscc}`).count()).toBe(1);
    await page.getByTestId('view-name').fill('按名称');
    await page.getByTestId('save-view').click();
    await page.getByText('视图已保存').waitFor();
    await screenshot(page, 'workbench-queue-filtered-saved-view');

    // a fresh page: the saved view restores the filter
    await page.goto(`${server.url}/workbench/queue/ACCEPTANCE`);
    await page.locator('[data-due-state="OVERDUE"]').first().waitFor();
    expect(await page.locator('[data-testid^="queue-row-"]').count()).toBeGreaterThan(1);
    await chooseOption(
      page,
      page.getByTestId('saved-view-select'),
      page.locator('.ant-select-item-option', { hasText: '按名称' }),
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="queue-row-"]').length === 1);
    expect(await page.getByTestId('filter-search').locator('input').inputValue()).toBe(name);

    // 主管税务机关 chosen by name; 提交日期 in antd's calendar, in Chinese
    await chooseOption(
      page,
      page.getByTestId('filter-authority'),
      page.locator('.ant-select-item-option[title="国家税务总局广州市天河区税务局"]'),
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="queue-row-"]').length === 1);
    await page.getByTestId('filter-submitted').locator('input').first().click();
    const calendar = page.locator('.ant-picker-dropdown:visible');
    await calendar.waitFor();
    expect(await calendar.locator('thead th').first().textContent()).toBe('一');
    await screenshot(page, 'workbench-queue-date-range');
    await page.keyboard.press('Escape');

    // the case: every field, inline preview of a PDF material, earlier applications
    await page.getByTestId(`queue-row-${older.enterprise.uscc}`).click();
    await page.getByTestId('case-detail').waitFor();
    const previews = page.locator('[data-testid^="preview-"]');
    if ((await previews.count()) > 0) {
      await previews.first().click();
      await page.getByTestId('preview-pane').waitFor();
      const frame = page.getByTestId('preview-pdf');
      if ((await frame.count()) > 0) {
        const src = (await frame.getAttribute('src')) ?? '';
        const response = await page.request.get(new URL(src, server.url).toString());
        expect(response.status()).toBe(200);
        expect(response.headers()['x-frame-options']).toBe('SAMEORIGIN');
      }
    }
    await screenshot(page, 'workbench-case-preview');

    // the dashboard counts the overdue case and updates live when another case is accepted
    await page.goto(`${server.url}/workbench/dashboard`);
    await page.getByTestId('bureau-dashboard').waitFor();
    await page.locator('[data-testid="live-indicator"][data-state="connected"]').waitFor();
    const overdueStat = Number((await page.getByTestId('stat-overdue').textContent())?.replace(/\D/g, ''));
    expect(overdueStat).toBeGreaterThanOrEqual(1);
    const lastDay = page.getByTestId('chart-decisions-bar').last();
    const before = Number(await lastDay.getAttribute('data-value'));
    const token = await server.signIn('th.officer1');
    const accepted = await server.gql(
      `mutation($id: ID!) { acceptAccessApplication(input: { id: $id, expectedVersion: ${older.version} }) { __typename } }`,
      { id: Buffer.from(`AccessApplication:${older.id}`).toString('base64') },
      token,
    );
    expect(accepted.data?.acceptAccessApplication.__typename).toBe('AccessApplicationSuccess');
    await page.waitForFunction(
      (value) =>
        Number(
          [...document.querySelectorAll('[data-testid="chart-decisions-bar"]')].at(-1)?.getAttribute('data-value'),
        ) > value,
      before,
      { timeout: 20_000 },
    );
    await screenshot(page, 'workbench-dashboard-live');
  });
});
