// Live catch-up: an officer's 待受理 queue is open when the subscription socket drops. While it is down a new case
// arrives and another is decided through the API; the page says 连接已断开，重新连接中. When the socket is back the
// client resubscribes from its last cursor and the queue shows both changes — without a reload.
import type { Socket } from 'node:net';
import { expect, it } from 'vitest';
import { caseIn, transition } from '../packages/server/test/fixtures.ts';
import { screenshot, showQueueRow, useProduct } from './support.ts';

const product = useProduct();

it('the queue catches up from its cursor after the socket drops', async () => {
  const server = product.server;
  const http = server.running.http.server;
  // the test plays the network: it can cut the open sockets and refuse new ones
  const sockets = new Set<Socket>();
  let outage = false;
  http.prependListener('upgrade', (_request, socket: Socket) => {
    if (outage) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const page = await product.pageFor('th.officer1');
  await page.goto(`${server.url}/workbench/queue/ACCEPTANCE`);
  await page.getByTestId('queue-table').waitFor();
  await page.locator('[data-testid="live-indicator"][data-state="connected"]').waitFor();
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });

  // while connected, a new case appears live (the client now holds a cursor)
  const first = await caseIn(server, 'PENDING_ACCEPTANCE');
  await showQueueRow(page, first.owner.uscc);

  // the socket drops and stays down
  outage = true;
  for (const socket of sockets) socket.destroy();
  const indicator = page.locator('[data-testid="live-indicator"][data-state="closed"]');
  await indicator.waitFor();
  expect(await indicator.textContent()).toBe('连接已断开，重新连接中');

  // meanwhile: a second case arrives, the first is accepted by another officer
  const second = await caseIn(server, 'PENDING_ACCEPTANCE');
  const accepted = await transition(server, await server.signIn('th.officer2'), 'accept', first.id, first.version);
  expect(accepted.__typename).toBe('AccessApplicationSuccess');
  await page.waitForTimeout(1500);
  expect(await page.getByTestId(`queue-row-${second.owner.uscc}`).count(), 'no news while offline').toBe(0);
  await screenshot(page, 'live-catch-up-1-disconnected');

  // the network comes back: graphql-ws reconnects and resubscribes with `after` = the last cursor
  outage = false;
  await page.locator('[data-testid="live-indicator"][data-state="connected"]').waitFor({ timeout: 30_000 });
  await showQueueRow(page, second.owner.uscc);
  await page.getByTestId(`queue-row-${first.owner.uscc}`).waitFor({ state: 'detached', timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await screenshot(page, 'live-catch-up-2-caught-up');
});
