import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../packages/server/test/harness.ts';
import { screenshot, showQueueRow, useProduct } from './support.ts';

const YUNFAN = '91440100628194821M';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const REQUIRED = [
  'ACCESS_INFO_FORM',
  'SERVICE_AGREEMENT',
  'SOFTWARE_COPYRIGHT',
  'PROJECT_REPORT',
  'NETWORK_ADDRESS_FORM',
];

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
    // enterprises land on 企业概览; the application is one menu item away
    await clerk.getByTestId('dashboard').waitFor();
    await clerk.goto(`${server.url}/access/application`);
    await clerk.getByTestId('apply-button').click();
    await clerk.getByTestId('unit-facts').waitFor();
    await screenshot(clerk, 'wizard-1-unit-info');
    await clerk.getByTestId('wizard-livelihood-no').click();
    await clerk.getByTestId('wizard-confirm-unit-info').click();
    await clerk.getByTestId('wizard-next').click();
    await clerk.getByTestId('verification-passed').waitFor();
    await screenshot(clerk, 'wizard-2-verified');

    await clerk.getByTestId('field-basicInfo.contactName').fill('李会计');
    await clerk.getByTestId('field-basicInfo.contactPhone').fill('020-88886666');
    await clerk.getByTestId('field-basicInfo.contactEmail').fill('li@yunfan.example');
    await clerk.getByTestId('field-systemInfo.systemName').fill('云帆财务中台');
    await clerk.getByTestId('field-systemInfo.developerName').fill('广州云帆科技集团有限公司');
    await clerk.getByTestId('field-systemInfo.networkAddress').fill('10.1.2.3');
    for (const kind of REQUIRED) {
      const [chooser] = await Promise.all([
        clerk.waitForEvent('filechooser'),
        clerk.getByTestId(`upload-${kind}`).click(),
      ]);
      await chooser.setFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await clerk.getByTestId(`material-file-${kind}`).waitFor();
    }
    await screenshot(clerk, 'wizard-3-form');
    await clerk.getByTestId('wizard-submit').click();
    await clerk.getByTestId('submit-success').waitFor();
    expect(await clerk.getByTestId('paper-reminder').textContent()).toContain('纸质材料');
    await screenshot(clerk, 'wizard-4-submitted');

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
