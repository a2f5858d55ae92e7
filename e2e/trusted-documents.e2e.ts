// The built web app against a production server (trusted documents on): applying with uploads, the live queue over
// graphql-ws and a decision all run as persisted operations — nothing is refused, and the browser sends queries and
// mutations by hash, never their documents (subscriptions send their persisted text over graphql-ws).
import type { Request, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { showQueueRow, useProduct } from './support.ts';

const YUNFAN = '91440100628194821M';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const REQUIRED = [
  'ACCESS_INFO_FORM',
  'SERVICE_AGREEMENT',
  'SOFTWARE_COPYRIGHT',
  'PROJECT_REPORT',
  'NETWORK_ADDRESS_FORM',
];

describe('trusted documents in the browser (NODE_ENV=production)', () => {
  const product = useProduct({ NODE_ENV: 'production' });

  it('the web app works on persisted operations only', async () => {
    let sentDocuments = 0;
    let sentHashes = 0;
    const refusals: string[] = [];
    const watch = (page: import('playwright-core').Page) => {
      page.on('request', (request: Request) => {
        if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
        const body = request.postData() ?? '';
        if (/"query"\s*:/.test(body)) sentDocuments += 1;
        else if (body.includes('"sha256Hash"')) sentHashes += 1;
      });
      page.on('response', async (response: Response) => {
        if (!response.url().endsWith('/graphql')) return;
        const text = await response.text().catch(() => '');
        if (text.includes('PERSISTED_QUERY')) refusals.push(text.slice(0, 200));
      });
    };

    const watcher = await product.pageFor('th.officer1');
    watch(watcher);
    await watcher.goto(`${product.server.url}/workbench/queue/ACCEPTANCE`);
    await watcher.getByTestId('queue-table').waitFor();
    await expect
      .poll(() => watcher.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('connected');

    const clerk = await product.pageFor('yf.clerk');
    watch(clerk);
    // enterprises land on 企业概览; the application is one menu item away
    await clerk.getByTestId('dashboard').waitFor();
    await clerk.goto(`${product.server.url}/access/application`);
    await clerk.getByTestId('apply-button').click();
    await clerk.getByTestId('unit-facts').waitFor();
    await clerk.getByTestId('wizard-livelihood-no').click();
    await clerk.getByTestId('wizard-confirm-unit-info').click();
    await clerk.getByTestId('wizard-next').click();
    await clerk.getByTestId('verification-passed').waitFor();
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
    await clerk.getByTestId('wizard-submit').click();
    await clerk.getByTestId('submit-success').waitFor();

    // live over graphql-ws, then a decision
    await showQueueRow(watcher, YUNFAN);
    await watcher.getByTestId(`queue-row-${YUNFAN}`).click();
    await watcher.getByTestId('case-detail').waitFor();
    await watcher.getByTestId('action-accept').click();
    await watcher.getByTestId('decision-result').waitFor();

    expect(refusals).toEqual([]);
    expect(sentHashes).toBeGreaterThan(5);
    expect(sentDocuments).toBe(0);
  });
});
