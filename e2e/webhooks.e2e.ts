// Webhooks in the browser (issue 21): 上海申联数据's legal representative opens 开发者设置, creates an endpoint pointing
// at a real receiver on this machine, sees its signing secret once, then an event of the enterprise happens (a use
// unit unbound with the same session) — the receiver gets it, signed with that secret, and the delivery log says 已送达.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useProduct } from './support.ts';

// standardwebhooks is a dependency of the server package, not of the repository root where this file lives
const { Webhook } = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'standardwebhooks',
) as typeof import('../packages/server/node_modules/standardwebhooks');

const SLWL = '91310000757491186Q'; // 上海申联网络科技: bound to 申联 by the seed

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver of webhooks on 127.0.0.1 (loopback targets are allowed outside production): answers 200. */
async function receiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/leqi/webhooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('webhooks in the browser: an endpoint, its secret once, a real delivery in the log', () => {
  // the test server delivers (it does not by default) and looks for due work often
  const product = useProduct({ WEBHOOK_DELIVERY: 'true', WEBHOOK_POLL_MS: '100' });
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    hook = await receiver();
  });
  afterAll(async () => {
    await hook?.close();
  });

  let page: Page;
  let secret = '';
  let endpointId = '';

  it('1. sl.legal creates an endpoint from 开发者设置 and sees its signing secret once', async () => {
    page = await product.pageFor('sl.legal');
    await page.getByTestId('menu-developer').click();
    await page.waitForURL(/\/access\/webhooks$/);
    await page.getByTestId('endpoint-create').waitFor();
    expect(await page.getByText('尚未设置推送地址').count()).toBe(1);

    await page.getByTestId('endpoint-url').fill(hook.url);
    await page.getByTestId('endpoint-description').fill('ERP 测试环境');
    await page.getByTestId('endpoint-create').click();

    const shown = page.getByTestId('secret-value');
    await shown.waitFor();
    secret = ((await shown.textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(await page.getByTestId('secret-shown').textContent()).toContain('签名密钥只显示这一次');
    await screenshot(page, 'webhooks-1-secret');

    const row = page.locator('[data-testid^="endpoint-row-"]', { hasText: hook.url });
    await row.waitFor();
    endpointId = ((await row.getAttribute('data-testid')) ?? '').replace('endpoint-row-', '');
    expect(await row.textContent()).toContain('ERP 测试环境');
    expect(await page.getByTestId(`endpoint-status-${endpointId}`).textContent()).toBe('已启用');

    await page.getByTestId('secret-close').click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, 'webhooks-2-list');
  });

  it('2. an event of the enterprise reaches the receiver, signed with that secret, and the log says 已送达', async () => {
    // the same session as the page: unbind the seeded use unit through the API
    const token = await page.evaluate(() => localStorage.getItem('leqi.token'));
    const unbound = await product.server.gql(
      'mutation($input: UnbindUseUnitsInput!) { unbindUseUnits(input: $input) { __typename ... on UnbindUseUnitsSuccess { failed { __typename } } } }',
      { input: { usccs: [SLWL] } },
      token ?? undefined,
    );
    expect(unbound.data?.unbindUseUnits).toEqual({ __typename: 'UnbindUseUnitsSuccess', failed: [] });

    await expect.poll(() => hook.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const [first] = hook.received;
    const payload = new Webhook(secret).verify(first?.body ?? '', first?.headers as Record<string, string>) as {
      type: string;
      data: { caseKind: string; enterprise: { uscc: string } | null };
    };
    expect(payload.type).toBe('INVITATION.unbindByDirectUnit');
    // the delivery is recorded when its pass ends, just after the receiver answered
    await expect
      .poll(
        async () => {
          const log = await product.server.gql(
            'query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { deliveries(first: 1) { totalCount } } } }',
            { id: endpointId },
            token ?? undefined,
          );
          return log.data?.node?.deliveries.totalCount ?? 0;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);

    await page.getByTestId(`endpoint-deliveries-${endpointId}`).click();
    const delivered = page.locator('[data-testid^="delivery-status-"]', { hasText: '已送达' });
    // a delivery still 待推送 when the log opens is looked at again until it settles
    await delivered.first().waitFor({ timeout: 30_000 });
    const row = page.locator('[data-testid^="delivery-row-"]').first();
    expect(await row.textContent()).toContain('接入邀请 · 解除绑定');
    expect(await row.textContent()).toContain('INVITATION.unbindByDirectUnit');
    expect(await row.textContent()).toContain('200');
    await screenshot(page, 'webhooks-3-deliveries');
  });
});
