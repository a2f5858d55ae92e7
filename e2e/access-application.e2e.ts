import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../packages/server/test/harness.ts';
import { submitAccessApplication, YUNFAN } from './apply-wizard.ts';
import { screenshot, showQueueRow, useProduct } from './support.ts';

describe('access application in the browser: yf.clerk applies, 天河 accepts and reviews, 广东 confirms', () => {
  const product = useProduct();
  let server: TestServer;
  beforeAll(() => {
    server = product.server;
  });
  const pageFor = (username: string) => product.pageFor(username);

  async function decide(page: Page, step: string, action: string) {
    await page.goto(`${server.url}/workbench/queue/${step}`);
    await page.getByTestId(`queue-row-${YUNFAN}`).click();
    await page.getByTestId('case-detail').waitFor();
    await page.getByTestId(`action-${action}`).click();
    await page.getByTestId('decision-result').waitFor();
  }

  it('goes from the wizard to 确认通过 while an open queue updates live', async () => {
    // an officer keeps the 待受理 queue open the whole time
    const watcher = await pageFor('th.officer1');
    await watcher.goto(`${server.url}/workbench/queue/ACCEPTANCE`);
    await watcher.getByTestId('queue-table').waitFor();
    await expect
      .poll(() => watcher.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('connected');
    expect(await watcher.getByTestId(`queue-row-${YUNFAN}`).count()).toBe(0);
    await screenshot(watcher, 'workbench-queue-acceptance');

    const clerk = await pageFor('yf.clerk');
    const shots = { 'unit-info': 'wizard-1-unit-info', verified: 'wizard-2-verified', form: 'wizard-3-form' } as const;
    await submitAccessApplication(clerk, server.url, async (stage) => {
      if (stage === 'submitted') {
        expect(await clerk.getByTestId('paper-reminder').textContent()).toContain('纸质材料');
        await screenshot(clerk, 'wizard-4-submitted');
      } else await screenshot(clerk, shots[stage]);
    });

    // the open queue shows the new case without a reload
    await showQueueRow(watcher, YUNFAN);
    await screenshot(watcher, 'workbench-queue-live-arrival');

    await decide(watcher, 'ACCEPTANCE', 'accept');
    await screenshot(watcher, 'workbench-case-accepted');
    const reviewer = await pageFor('th.officer2');
    await decide(reviewer, 'REVIEW', 'approveReview');
    const confirmer = await pageFor('gd.confirmer');
    await decide(confirmer, 'CONFIRMATION', 'confirm');
    await screenshot(confirmer, 'workbench-case-confirmed');

    await clerk.goto(`${server.url}/access/application`);
    await expect
      .poll(() => clerk.getByTestId('application-status').textContent(), { timeout: 10_000 })
      .toContain('确认通过');
    expect(await clerk.getByTestId('leqi-id').textContent()).toMatch(/LQ\d{18}/);
    await screenshot(clerk, 'status-confirmed');

    const status = await server.gql('{ viewer { enterprise { dcuStatus } } }', {}, await server.signIn('yf.clerk'));
    expect(status.data?.viewer.enterprise.dcuStatus).toBe('ACTIVE');
  });
});
