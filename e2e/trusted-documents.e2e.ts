// The built web app against a production server (trusted documents on): applying with uploads, the live queue over
// graphql-ws and a decision all run as persisted operations — nothing is refused, and the browser sends queries and
// mutations by hash, never their documents (subscriptions send their persisted text over graphql-ws).
import type { Request, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { submitAccessApplication, YUNFAN } from './apply-wizard.ts';
import { showQueueRow, useProduct } from './support.ts';

describe('trusted documents in the browser (NODE_ENV=production)', () => {
  // production seeds no demo accounts unless told to; this test signs in as demo users
  // two factors have their own e2e (two-factor.e2e.ts): here the demo users' sessions go straight to their pages
  const product = useProduct({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true', TWO_FACTOR_ROLES: 'none' });

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
    await submitAccessApplication(clerk, product.server.url);

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
