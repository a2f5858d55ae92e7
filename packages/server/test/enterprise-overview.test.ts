import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, createEnterprise } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const OVERVIEW = `{ enterpriseOverview {
  dcuStatus leqiId confirmedAt
  accessValidity { endsAt renewalRemindFrom state stateLabel remindRenewal daysLeft }
  accessApplication { caseId status statusLabel step since lastReason }
  exitApplication { status statusLabel step }
  sentInvitations { status label count }
  receivedInvitations { status label count }
  activeBindingCount directUnit { name }
  subscriptions { status label count }
  subscribedCapabilityCount authorisationsGiven authorisationsHeld
} }`;

describe(`enterprise overview 企业概览 (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const overviewOf = async (token: string, headers?: Record<string, string>) => {
    const result = await server.gql(OVERVIEW, {}, token, headers);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data?.enterpriseOverview;
  };

  it('shows the access application at its step, since when, and no 乐企ID before confirmation', async () => {
    const walked = await caseIn(server, 'PENDING_REVIEW');
    const before = Date.now();
    const overview = await overviewOf(walked.owner.token);
    expect(overview.dcuStatus).toBe('NOT_CONNECTED');
    expect(overview.leqiId).toBeNull();
    expect(overview.accessValidity).toBeNull();
    expect(overview.accessApplication).toMatchObject({
      caseId: walked.id,
      status: 'PENDING_REVIEW',
      statusLabel: '待复核',
      step: 'REVIEW',
    });
    expect(new Date(overview.accessApplication.since).getTime()).toBeLessThanOrEqual(before);
    expect(overview.exitApplication).toBeNull();
    // every status listed in the manual's words, zero where none
    expect(overview.sentInvitations.map((s: { label: string }) => s.label)).toContain('待使用单位响应');
    expect(overview.sentInvitations.every((s: { count: number }) => s.count === 0)).toBe(true);
  });

  it('after confirmation shows the 乐企ID and an access validity of two years, then the renewal reminder', async () => {
    const walked = await caseIn(server, 'CONFIRMED');
    const overview = await overviewOf(walked.owner.token);
    expect(overview.dcuStatus).toBe('ACTIVE');
    expect(overview.leqiId).toMatch(/^LQ\d{18}$/);
    const confirmedAt = new Date(overview.confirmedAt);
    const endsAt = new Date(overview.accessValidity.endsAt);
    expect(endsAt.getUTCFullYear() - confirmedAt.getUTCFullYear()).toBe(2);
    expect(endsAt.getUTCMonth()).toBe(confirmedAt.getUTCMonth());
    expect(overview.accessValidity).toMatchObject({ state: 'VALID', remindRenewal: false, stateLabel: '有效' });

    const soon = new Date(Date.now() + 60 * 24 * 3600 * 1000);
    await server.running.app.db.enterprise.update({ where: { id: walked.owner.id }, data: { dcuExpiresAt: soon } });
    const reminded = await overviewOf(walked.owner.token, { 'accept-language': 'en' });
    expect(reminded.accessValidity).toMatchObject({ state: 'RENEWAL_DUE', remindRenewal: true, daysLeft: 60 });
    expect(reminded.accessValidity.stateLabel).toBe('Ending soon: apply for renewal');
    expect(reminded.accessApplication.statusLabel).toBe('Confirmed');
  });

  it('counts the seeded DCU’s invitations, bindings and authorisations; the use unit sees its DCU', async () => {
    const dcu = await overviewOf(await server.signIn('sl.clerk'));
    expect(dcu.dcuStatus).toBe('ACTIVE');
    expect(dcu.activeBindingCount).toBe(2);
    const confirmed = dcu.sentInvitations.find((s: { status: string }) => s.status === 'CONFIRMED');
    expect(confirmed.count).toBeGreaterThanOrEqual(2);
    expect(dcu.subscribedCapabilityCount).toBeGreaterThan(0);
    const useUnit = await overviewOf(await server.signIn('slwl.clerk'));
    expect(useUnit.directUnit.name).toBe('上海申联数据服务有限公司');
    expect(useUnit.activeBindingCount).toBe(0);
    expect(useUnit.receivedInvitations.find((s: { status: string }) => s.status === 'CONFIRMED').count).toBe(1);
  });

  it('is for enterprise users only', async () => {
    for (const user of ['th.officer1', 'platform.admin']) {
      const result = await server.gql(OVERVIEW, {}, await server.signIn(user));
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await server.gql(OVERVIEW, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the access validity is shown for the DCU only, not for an enterprise that never connected', async () => {
    const fresh = await createEnterprise(server);
    const overview = await overviewOf(fresh.token);
    expect(overview.accessApplication).toBeNull();
    expect(overview.accessValidity).toBeNull();
    expect(overview.directUnit).toBeNull();
  });
});
