import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../packages/server/test/harness.ts';
import { screenshot, useProduct } from './support.ts';

const SHENLIAN = '913100005432319483';
const BOUND_USE_UNITS = ['91310000757491186Q', '91440100792174218D'];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('exit in the browser: 上海申联数据 unbinds its use units, exits, and applies again', () => {
  const product = useProduct();
  let server: TestServer;
  beforeAll(() => {
    server = product.server;
  });
  const pageFor = (username: string, options?: BrowserContextOptions) => product.pageFor(username, options);

  async function decide(page: Page, step: string, action: string, shot: string) {
    await page.goto(`${server.url}/workbench/queue/${step}?kind=EXIT_APPLICATION`);
    await page.getByTestId(`queue-row-${SHENLIAN}`).click();
    await page.getByTestId('case-detail').waitFor();
    await page.getByTestId(`action-${action}`).click();
    await page.getByTestId('decision-result').waitFor();
    await screenshot(page, shot);
  }

  it('is sent to unbind, unbinds, submits the signed form; 浦东 and 上海 decide; it starts a new application', async () => {
    // a clerk is told why they cannot exit
    const clerk = await pageFor('sl.clerk');
    await clerk.goto(`${server.url}/access/exit`);
    await clerk.getByTestId('exit-identity-restricted').waitFor();
    expect(await clerk.getByTestId('exit-read-confirm').count()).toBe(0);
    await screenshot(clerk, 'exit-0-identity-restricted');

    const legal = await pageFor('sl.legal');
    // 能力订阅 before the exit: 乐企ID, the approved subscription, the authorisations of both bindings
    await legal.getByTestId('menu-capabilities').click();
    await legal.getByTestId('subscription-table').waitFor();
    expect(await legal.getByTestId('leqi-id').textContent()).toMatch(/LQ\d{18}/);
    expect(await legal.locator('[data-testid^="authorisation-row-"]').count()).toBeGreaterThanOrEqual(2);
    await screenshot(legal, 'capabilities-before-exit');

    await legal.getByTestId('menu-access-application').click();
    await legal.getByTestId('exit-button').click();
    await legal.getByTestId('exit-notice').waitFor();
    // 下载《直连单位退出申请表》: a signed link to the filled-in workbook
    const formHref = (await legal.getByTestId('exit-form-download').getAttribute('href')) ?? '';
    const form = await legal.request.get(new URL(formHref, server.url).toString());
    expect(form.status()).toBe(200);
    expect((await form.body()).subarray(0, 2).toString()).toBe('PK');
    await screenshot(legal, 'exit-1-notice');

    // 阅读并确认 → 智能校验不成功: two use units are still bound
    await legal.getByTestId('exit-read-confirm').click();
    await legal.getByTestId('precheck-failed').waitFor();
    expect(await legal.getByTestId('exit-binding-count').textContent()).toContain('2 家');
    await screenshot(legal, 'exit-2-precheck-failed');

    // 去解除绑定 → 邀请列表 filtered to 确认通过; batch-unbind both
    await legal.getByTestId('go-unbind').click();
    await legal.waitForURL((url) => url.pathname === '/access/invitations');
    await legal.getByTestId('invitation-table').waitFor();
    for (const uscc of BOUND_USE_UNITS) {
      const row = legal.locator(`[data-uscc="${uscc}"]`);
      await row.waitFor();
      const id = (await row.getAttribute('data-testid'))?.replace('invitation-row-', '');
      await legal.getByTestId(`select-${id}`).check();
    }
    await screenshot(legal, 'exit-3-unbind-selection');
    for (const uscc of BOUND_USE_UNITS)
      expect(await legal.locator(`[data-uscc="${uscc}"] input`).isChecked()).toBe(true);
    await legal.getByTestId('batch-unbind').click();
    await legal.getByTestId('unbind-confirm').click();
    // the outcome is the per-row results or a refusal; say which, with the page as it was, if neither shows
    const outcome = legal.getByTestId('unbind-results').or(legal.getByTestId('unbind-error'));
    await outcome.waitFor().catch(async (error: unknown) => {
      await screenshot(legal, 'exit-3-unbind-no-outcome');
      throw error;
    });
    expect(
      await legal.getByTestId('unbind-error').count(),
      await legal.getByTestId('unbind-error').allTextContents().then(String),
    ).toBe(0);
    for (const uscc of BOUND_USE_UNITS) {
      expect(await legal.getByTestId(`unbind-result-${uscc}`).textContent()).toContain('已解除');
    }

    // back to 申请退出: the check passes, upload the signed form, 提交
    await legal.goto(`${server.url}/access/exit`);
    await legal.getByTestId('exit-read-confirm').click();
    await legal.getByTestId('precheck-passed').waitFor();
    await screenshot(legal, 'exit-4-precheck-passed');
    await legal.getByTestId('exit-apply').click();
    const [chooser] = await Promise.all([
      legal.waitForEvent('filechooser'),
      legal.getByTestId('upload-EXIT_APPLICATION_FORM').click(),
    ]);
    await chooser.setFiles({ name: '直连单位退出申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await legal.getByTestId('material-file-EXIT_APPLICATION_FORM').waitFor();
    await screenshot(legal, 'exit-5-form-uploaded');
    await legal.getByTestId('exit-submit').click();
    await legal.getByTestId('exit-submitted').waitFor();
    await expect
      .poll(() => legal.getByTestId('exit-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('PENDING_ACCEPTANCE');
    await screenshot(legal, 'exit-6-submitted');

    // the same page on a phone
    const phone = await pageFor('sl.legal', { viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    await phone.goto(`${server.url}/access/exit`);
    await phone.getByTestId('exit-status-card').waitFor();
    await screenshot(phone, 'exit-7-status-375');
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => el.getBoundingClientRect().right > 376)
        .slice(0, 8)
        .map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // 浦东 accepts and reviews (two officers), 上海市税务局 confirms
    const officer1 = await pageFor('pd.officer1');
    await officer1.goto(`${server.url}/workbench/queue/REVIEW?kind=CAPABILITY_SUBSCRIPTION`);
    await officer1.getByTestId('queue-table').waitFor();
    await screenshot(officer1, 'workbench-subscription-queue');
    await decide(officer1, 'ACCEPTANCE', 'accept', 'exit-workbench-accepted');
    await decide(await pageFor('pd.officer2'), 'REVIEW', 'approveReview', 'exit-workbench-reviewed');
    const confirmer = await pageFor('sh.confirmer');
    await confirmer.goto(`${server.url}/workbench/queue/CONFIRMATION`);
    await confirmer.getByTestId('queue-kind-EXIT_APPLICATION').click();
    await confirmer.getByTestId(`queue-row-${SHENLIAN}`).waitFor();
    await screenshot(confirmer, 'exit-workbench-queue-confirmation');
    await confirmer.getByTestId(`queue-row-${SHENLIAN}`).click();
    await confirmer.getByTestId('case-detail').waitFor();
    await confirmer.getByTestId('material-list').waitFor();
    await confirmer.getByTestId('action-confirm').click();
    await confirmer.getByTestId('decision-result').waitFor();
    await screenshot(confirmer, 'exit-workbench-confirmed');

    // the enterprise sees 确认通过, is no longer a DCU, and starts a new access application
    await legal.goto(`${server.url}/access/exit`);
    await expect
      .poll(() => legal.getByTestId('exit-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('CONFIRMED');
    expect(await legal.getByTestId('exit-status').textContent()).toBe('确认通过');
    await legal.getByTestId('exited-notice').waitFor();
    await screenshot(legal, 'exit-8-confirmed');
    // subscriptions and authorisations are cancelled
    await legal.goto(`${server.url}/access/capabilities`);
    await legal.getByTestId('subscription-gate').waitFor();
    await screenshot(legal, 'capabilities-after-exit');
    await legal.goto(`${server.url}/access/application`);
    await legal.getByTestId('exited-card').waitFor();
    await screenshot(legal, 'exit-9-application-page-exited');
    await legal.getByTestId('apply-button').click();
    await legal.getByTestId('unit-facts').waitFor();
    await screenshot(legal, 'exit-10-new-application');

    const status = await server.gql('{ viewer { enterprise { dcuStatus } } }', {}, await server.signIn('sl.legal'));
    expect(status.data?.viewer.enterprise.dcuStatus).toBe('EXITED');
  });
});
