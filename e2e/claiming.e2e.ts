// Claiming end to end (issue 5, "Proof"): two 天河 officers in two browser contexts open the same invitation queue;
// officer 1 claims a case, officer 2 sees it taken live, and officer 2's claim from a stale tab gets the typed error
// naming officer 1; officer 1 accepts and the case leaves officer 2's queue live.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../packages/server/test/harness.ts';
import { invitationIn, type WalkedInvitation } from '../packages/server/test/invitation.fixtures.ts';
import { screenshot, useProduct } from './support.ts';

const OFFICER1_NAME = '天河区税务局 审核员一';

describe('claiming in the browser: two officers, one case', () => {
  const product = useProduct();
  let server: TestServer;
  let walked: WalkedInvitation;
  beforeAll(async () => {
    server = product.server;
    walked = await invitationIn(server, 'PENDING_ACCEPTANCE');
  }, 60_000);

  it('officer 1 claims; officer 2 sees it taken live and a claim from a stale tab names officer 1', async () => {
    const queueUrl = `${server.url}/workbench/queue/ACCEPTANCE?kind=INVITATION`;
    const caseUrl = `${server.url}/workbench/invitations/${encodeURIComponent(walked.id)}`;
    const row = `queue-row-${walked.useUnit.uscc}`;

    const officer1 = await product.pageFor('th.officer1');
    const officer2 = await product.pageFor('th.officer2');
    for (const page of [officer1, officer2]) {
      await page.goto(queueUrl);
      await page.getByTestId(row).waitFor({ timeout: 20_000 });
      await expect
        .poll(() => page.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 15_000 })
        .toBe('connected');
    }
    expect(await officer2.getByTestId(row).textContent()).not.toContain('认领');

    // officer 2 also has the case open in a tab whose live connection has dropped (its view goes stale)
    const staleTab = await officer2.context().newPage();
    await staleTab.routeWebSocket(/\/graphql/, (ws) => ws.close({ code: 1001, reason: 'offline' }));
    await staleTab.goto(caseUrl);
    await staleTab.getByTestId('claim-button').waitFor({ timeout: 20_000 });
    expect(await staleTab.getByTestId('claim-status').textContent()).toBe('尚未认领');

    // officer 1 claims from the case page
    await officer1.getByTestId(row).click();
    await officer1.getByTestId('case-detail').waitFor();
    await officer1.getByTestId('claim-button').click();
    await officer1.getByTestId('claim-result').waitFor();
    await expect
      .poll(() => officer1.getByTestId('claim-status').textContent(), { timeout: 15_000 })
      .toContain('由您认领');
    await screenshot(officer1, 'claim-1-officer1-claimed');

    // officer 2's open queue shows the case taken, without a reload
    await expect
      .poll(() => officer2.getByTestId(row).textContent(), { timeout: 15_000 })
      .toContain(`已被 ${OFFICER1_NAME} 认领`);
    await screenshot(officer2, 'claim-2-officer2-queue-taken');

    // the stale tab still offers 认领: the server refuses with the typed error naming officer 1
    await staleTab.getByTestId('claim-button').click();
    const error = staleTab.getByTestId('claim-error');
    await error.waitFor();
    expect(await error.textContent()).toContain(`该案件已由 ${OFFICER1_NAME} 认领`);
    await screenshot(staleTab, 'claim-3-officer2-refused');

    // opened afresh, the case tells officer 2 why they cannot act, and offers no decision
    await officer2.goto(caseUrl);
    await officer2.getByTestId('case-detail').waitFor();
    expect(await officer2.getByTestId('claim-status').textContent()).toBe(`已被 ${OFFICER1_NAME} 认领`);
    expect(await officer2.getByTestId('blocked-reason').textContent()).toContain(`该案件已由 ${OFFICER1_NAME} 认领`);
    expect(await officer2.getByTestId('action-accept').count()).toBe(0);
    expect(await officer2.getByTestId('claim-button').count()).toBe(0);
    await screenshot(officer2, 'claim-4-officer2-case-blocked');

    // officer 1 accepts; the case leaves officer 2's queue live
    await officer2.goto(queueUrl);
    await officer2.getByTestId(row).waitFor();
    await expect
      .poll(() => officer2.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('connected');
    await officer1.getByTestId('action-accept').click();
    await officer1.getByTestId('decision-result').waitFor();
    // the panel then says only that the case is done: no 尚未认领 / 已认领 beside 已办理
    const panel = officer1.getByTestId('decision-panel');
    await expect.poll(() => panel.getByTestId('claim-status').count(), { timeout: 15_000 }).toBe(0);
    expect(await panel.getByTestId('claim-result').count()).toBe(0);
    await screenshot(officer1, 'claim-6-officer1-after-accept');
    await officer2.getByTestId(row).waitFor({ state: 'detached', timeout: 15_000 });
    await screenshot(officer2, 'claim-5-officer2-queue-after-accept');
  }, 180_000);
});
