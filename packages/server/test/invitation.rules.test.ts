// The invitation pipeline: whole-call checks, one test per row failure code, mixed batches, limits, idempotency.
import { makeUscc } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewerOfUserId } from '../src/features/auth/service.ts';
import { inviteUseUnits } from '../src/features/invitation/service.ts';
import { rawId } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import {
  createDcu,
  createToken,
  createUseUnit,
  invitationIn,
  invite,
  type Party,
  rowFor,
  uploadProof,
} from './invitation.fixtures.ts';

describe(`inviteUseUnits rules (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  let proof: string;
  beforeAll(async () => {
    server = await startTestServer();
    dcu = await createDcu(server);
    proof = await uploadProof(server, dcu.token);
  });
  afterAll(async () => server?.close());

  async function failureOf(
    row: Record<string, unknown>,
    extra: { proofMaterialIds?: string[] } = { proofMaterialIds: [proof] },
  ) {
    const result = await invite(server, dcu.token, [row], extra);
    expect(result.__typename, JSON.stringify(result)).toBe('InviteUseUnitsSuccess');
    expect(result.succeeded).toEqual([]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0].row).toBe(1);
    expect(result.failed[0].message.length).toBeGreaterThan(0);
    return result.failed[0];
  }

  it('a valid row becomes a PENDING_RESPONSE invitation; lower-case USCC and full-width brackets are normalised', async () => {
    const useUnit = await createUseUnit(server);
    const result = await invite(
      server,
      dcu.token,
      [
        rowFor(useUnit, {
          uscc: ` ${useUnit.uscc.toLowerCase()} `,
          name: useUnit.name.replace('有限公司', ' 有限公司'),
        }),
      ],
      {
        proofMaterialIds: [proof],
      },
    );
    expect(result.failed).toEqual([]);
    expect(result.succeeded[0]).toMatchObject({
      status: 'PENDING_RESPONSE',
      useUnitUscc: useUnit.uscc,
      channel: 'WEB',
      capabilityCodes: ['202007'],
    });
    const received = await server.gql(
      '{ receivedInvitations { totalCount edges { node { proofMaterials { id } } } } }',
      {},
      useUnit.token,
    );
    expect(received.data?.receivedInvitations.totalCount).toBe(1);
    expect(received.data?.receivedInvitations.edges[0].node.proofMaterials).toHaveLength(1);
  });

  it('REQUIRED: empty USCC or name', async () => {
    const useUnit = await createUseUnit(server);
    expect(await failureOf(rowFor(useUnit, { uscc: ' ' }))).toMatchObject({ code: 'REQUIRED', uscc: null });
    expect(await failureOf(rowFor(useUnit, { name: '' }))).toMatchObject({ code: 'REQUIRED', uscc: useUnit.uscc });
  });

  it('INVALID_USCC: checksum, length and characters', async () => {
    const useUnit = await createUseUnit(server);
    const wrongCheck = useUnit.uscc.slice(0, 17) + (useUnit.uscc.endsWith('0') ? '1' : '0');
    const checksum = await failureOf(rowFor(useUnit, { uscc: wrongCheck }));
    expect(checksum).toMatchObject({ code: 'INVALID_USCC' });
    expect(checksum.message).toContain('校验位');
    expect(await failureOf(rowFor(useUnit, { uscc: '9144' }))).toMatchObject({ code: 'INVALID_USCC' });
    expect(await failureOf(rowFor(useUnit, { uscc: 'I1440100628194821M' }))).toMatchObject({ code: 'INVALID_USCC' });
  });

  it('INVALID_AUTHORITY_CODE: malformed, unknown or a local bureau', async () => {
    const useUnit = await createUseUnit(server);
    for (const code of ['144', '14401060000', '19900000000']) {
      expect(await failureOf(rowFor(useUnit, { provinceAuthorityCode: code })), code).toMatchObject({
        code: 'INVALID_AUTHORITY_CODE',
      });
    }
  });

  it('AUTHORITY_MISMATCH: the province is not that of the use unit', async () => {
    const useUnit = await createUseUnit(server);
    expect(await failureOf(rowFor(useUnit, { provinceAuthorityCode: '13100000000' }))).toMatchObject({
      code: 'AUTHORITY_MISMATCH',
    });
  });

  it('UNKNOWN_ENTERPRISE: a valid code not in the registry', async () => {
    const useUnit = await createUseUnit(server);
    expect(await failureOf(rowFor(useUnit, { uscc: makeUscc('91440100MA9999999') }))).toMatchObject({
      code: 'UNKNOWN_ENTERPRISE',
    });
  });

  /** The same row through the web form and the API, in both languages: the failures the inviter reads. */
  async function failuresEverywhere(row: Record<string, unknown>) {
    const apiToken = (await createToken(server, dcu.token, `行级失败-${Math.random()}`)).token;
    const failures = [];
    for (const token of [dcu.token, apiToken]) {
      for (const language of ['zh-CN', 'en']) {
        const result = await invite(
          server,
          token,
          [row],
          { proofMaterialIds: [proof] },
          { 'accept-language': language },
        );
        expect(result.failed, JSON.stringify(result)).toHaveLength(1);
        failures.push(result.failed[0] as { code: string; message: string });
      }
    }
    return failures;
  }

  // taxpayer confidentiality (DESIGN §4): a failure says nothing the inviter did not type
  it('NAME_MISMATCH: the name differs from the registry; the registered name is not revealed', async () => {
    const useUnit = await createUseUnit(server);
    for (const failure of await failuresEverywhere(rowFor(useUnit, { name: '别的名字有限公司' }))) {
      expect(failure).toMatchObject({ code: 'NAME_MISMATCH' });
      expect(failure.message).not.toContain(useUnit.name);
      expect(failure.message).not.toContain(useUnit.name.replace('有限公司', ''));
    }
  });

  it('SELF_INVITATION: the DCU itself', async () => {
    expect(await failureOf(rowFor(dcu))).toMatchObject({ code: 'SELF_INVITATION' });
  });

  it('NOT_ELIGIBLE: not in the pilot, credit C or D, a major violation (B and M pass)', async () => {
    for (const options of [{ inPilot: false }, { credit: 'C' }, { credit: 'D' }, { majorViolation: true }]) {
      const useUnit = await createUseUnit(server, options);
      expect(await failureOf(rowFor(useUnit)), JSON.stringify(options)).toMatchObject({ code: 'NOT_ELIGIBLE' });
    }
    for (const credit of ['B', 'M']) {
      const useUnit = await createUseUnit(server, { credit });
      const result = await invite(server, dcu.token, [rowFor(useUnit)], { proofMaterialIds: [proof] });
      expect(result.succeeded, credit).toHaveLength(1);
    }
  });

  it('NOT_ELIGIBLE does not reveal which condition fails (the credit rating, a violation, the pilot)', async () => {
    for (const options of [{ inPilot: false }, { credit: 'C' }, { credit: 'D' }, { majorViolation: true }]) {
      const useUnit = await createUseUnit(server, options);
      const messages = new Set<string>();
      for (const failure of await failuresEverywhere(rowFor(useUnit))) {
        expect(failure.code).toBe('NOT_ELIGIBLE');
        expect(failure.message).not.toMatch(/信用|等级|违法|试点|credit|rating|violation|pilot/i);
        expect(failure.message).not.toMatch(/\b[A-DM]\b/);
        messages.add(failure.message);
      }
      // one phrasing per language, whatever the reason
      expect([...messages].sort()).toEqual(
        ['This unit does not currently meet the conditions for a use unit', '该单位暂不符合使用单位条件'].sort(),
      );
    }
  });

  it('ALREADY_BOUND: bound to another DCU, which is not named', async () => {
    const bound = await invitationIn(server, 'CONFIRMED');
    for (const failure of await failuresEverywhere(rowFor(bound.useUnit))) {
      expect(failure).toMatchObject({ code: 'ALREADY_BOUND' });
      expect(failure.message).not.toContain(bound.dcu.name);
      expect(failure.message).not.toContain(bound.dcu.name.replace('有限公司', ''));
      expect(failure.message).not.toContain(bound.dcu.uscc);
    }
  });

  it("DUPLICATE: this DCU's invitation is live; INVITED_ELSEWHERE: another's, which is not named", async () => {
    const pending = await invitationIn(server, 'PENDING_RESPONSE');
    for (const failure of await failuresEverywhere(rowFor(pending.useUnit))) {
      expect(failure).toMatchObject({ code: 'INVITED_ELSEWHERE' });
      expect(failure.message).not.toContain(pending.dcu.name.replace('有限公司', ''));
      expect(failure.message).not.toContain(pending.dcu.uscc);
    }
    const mine = await createUseUnit(server);
    expect((await invite(server, dcu.token, [rowFor(mine)], { proofMaterialIds: [proof] })).succeeded).toHaveLength(1);
    expect(await failureOf(rowFor(mine))).toMatchObject({ code: 'DUPLICATE' });
  });

  it('CAPABILITY_NOT_SUBSCRIBED: pre-authorised capabilities must be subscribed; 100010 is public', async () => {
    const useUnit = await createUseUnit(server);
    const failure = await failureOf(rowFor(useUnit, { capabilityCodes: ['202007', '203065'] }));
    expect(failure).toMatchObject({ code: 'CAPABILITY_NOT_SUBSCRIBED' });
    expect(failure.message).toContain('203065');
    const ok = await invite(server, dcu.token, [rowFor(useUnit, { capabilityCodes: ['100010', '203059'] })], {
      proofMaterialIds: [proof],
    });
    expect(ok.succeeded).toHaveLength(1);
  });

  it('PROOF_REQUIRED: without proof, unless SAME_REGULATOR in a designated sector', async () => {
    const useUnit = await createUseUnit(server);
    expect(await failureOf(rowFor(useUnit), {})).toMatchObject({ code: 'PROOF_REQUIRED' });
    expect(await failureOf(rowFor(useUnit, { relationship: 'SAME_REGULATOR' }), {})).toMatchObject({
      code: 'PROOF_REQUIRED',
    });
    const railway = await createUseUnit(server, { regulatedSector: true });
    const result = await invite(server, dcu.token, [rowFor(railway, { relationship: 'SAME_REGULATOR' })]);
    expect(result.succeeded).toHaveLength(1);
  });

  it('DUPLICATE_IN_BATCH: the same use unit twice in one batch', async () => {
    const useUnit = await createUseUnit(server);
    const result = await invite(
      server,
      dcu.token,
      [rowFor(useUnit), rowFor(useUnit, { uscc: useUnit.uscc.toLowerCase() })],
      {
        proofMaterialIds: [proof],
      },
    );
    expect(result.succeeded).toHaveLength(1);
    expect(result.failed).toEqual([expect.objectContaining({ row: 2, code: 'DUPLICATE_IN_BATCH' })]);
  });

  it('DUPLICATE_IN_BATCH only repeats a row that passed: a failed row’s repeat is judged again', async () => {
    // a unit already invited: both rows say why (DUPLICATE), not DUPLICATE_IN_BATCH hiding the invitation in flight
    const invited = await createUseUnit(server);
    expect((await invite(server, dcu.token, [rowFor(invited)], { proofMaterialIds: [proof] })).succeeded).toHaveLength(
      1,
    );
    // a mistyped row then its corrected repeat: the repeat goes through
    const corrected = await createUseUnit(server);
    const result = await invite(
      server,
      dcu.token,
      [rowFor(invited), rowFor(corrected, { name: '不是这个名字' }), rowFor(invited), rowFor(corrected)],
      { proofMaterialIds: [proof] },
    );
    expect(result.failed.map((failure: { row: number; code: string }) => [failure.row, failure.code])).toEqual([
      [1, 'DUPLICATE'],
      [2, 'NAME_MISMATCH'],
      [3, 'DUPLICATE'],
    ]);
    expect(result.succeeded.map((invitation: { useUnitUscc: string }) => invitation.useUnitUscc)).toEqual([
      corrected.uscc,
    ]);
  });

  it('INVALID_RELATIONSHIP, and the official codes and Chinese labels are accepted by the pipeline', async () => {
    const viewer = await viewerOfUserId(
      server.running.app,
      (await server.running.app.db.user.findFirstOrThrow({ where: { username: dcu.username } })).id,
    );
    if (!viewer) throw new Error('no viewer');
    const units = await Promise.all([1, 2, 3, 4, 5].map(() => createUseUnit(server)));
    const rows = ['01', '2', '其他控制关系', '04', '00'].map((relationship, index) => ({
      ...rowFor(units[index] as Party),
      relationship,
    }));
    const result = await inviteUseUnits(server.running.app, viewer, rows, {
      channel: 'EXCEL',
      proofMaterialIds: [rawId(proof)],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.succeeded.map((row) => row.relationship)).toEqual([
      'HQ_BRANCH',
      'PARENT_SUBSIDIARY',
      'OTHER_CONTROL',
    ]);
    expect(result.value.succeeded.map((row) => row.channel)).toEqual(['EXCEL', 'EXCEL', 'EXCEL']);
    expect(result.value.failed.map((failure) => [failure.row, failure.code])).toEqual([
      [4, 'INVALID_RELATIONSHIP'],
      [5, 'INVALID_RELATIONSHIP'],
    ]);
  });

  it('a mixed batch: valid rows go through, each failed row is reported with its 1-based row', async () => {
    const good = await Promise.all([1, 2, 3].map(() => createUseUnit(server)));
    const bad = await createUseUnit(server, { credit: 'C' });
    const rows = [
      rowFor(good[0] as Party),
      rowFor(bad),
      rowFor(good[1] as Party),
      rowFor(dcu),
      rowFor(good[2] as Party),
    ];
    const result = await invite(server, dcu.token, rows, { proofMaterialIds: [proof] });
    expect(result.succeeded.map((row: any) => row.useUnitUscc)).toEqual(good.map((unit) => unit.uscc));
    expect(result.failed.map((failure: any) => [failure.row, failure.code])).toEqual([
      [2, 'NOT_ELIGIBLE'],
      [4, 'SELF_INVITATION'],
    ]);
  });

  it('messages are in English on Accept-Language: en', async () => {
    const useUnit = await createUseUnit(server);
    const result = await invite(
      server,
      dcu.token,
      [rowFor(useUnit, { name: 'Wrong' })],
      { proofMaterialIds: [proof] },
      {
        'accept-language': 'en',
      },
    );
    expect(result.failed[0].message).toMatch(/does not match the registry/);
  });

  it('whole call: 0 rows is VALIDATION_FAILED, 51 rows from a user is LIMIT_EXCEEDED (nothing invited)', async () => {
    expect(await invite(server, dcu.token, [])).toMatchObject({ code: 'VALIDATION_FAILED' });
    const useUnit = await createUseUnit(server);
    const rows = Array.from({ length: 51 }, () => rowFor(useUnit));
    expect(await invite(server, dcu.token, rows, { proofMaterialIds: [proof] })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    const fifty = await invite(server, dcu.token, rows.slice(0, 50), { proofMaterialIds: [proof] });
    expect(fifty.succeeded).toHaveLength(1);
    expect(fifty.failed).toHaveLength(49);
  });

  it('whole call: an API token may send 250 rows, not 251', async () => {
    const created = await createToken(server, dcu.token);
    const useUnit = await createUseUnit(server);
    const rows = Array.from({ length: 251 }, () => rowFor(useUnit, { capabilityCodes: [] }));
    expect(await invite(server, created.token, rows, { proofMaterialIds: [proof] })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    const many = await invite(server, created.token, rows.slice(0, 250), { proofMaterialIds: [proof] });
    expect(many.succeeded).toHaveLength(1);
    expect(many.succeeded[0].channel).toBe('API');
    expect(many.failed).toHaveLength(249);
  });

  it('whole call: only an ACTIVE DCU invites; officers are refused; proof must be the DCU’s own', async () => {
    for (const dcuStatus of ['NOT_CONNECTED', 'EXITING', 'EXITED']) {
      const other = await createDcu(server, { dcuStatus });
      const useUnit = await createUseUnit(server);
      const result = await invite(server, other.token, [rowFor(useUnit)]);
      expect(result, dcuStatus).toMatchObject({ __typename: 'BaseError', code: 'DCU_NOT_ACTIVE' });
    }
    const useUnit = await createUseUnit(server);
    expect(await invite(server, await server.signIn('th.officer1'), [rowFor(useUnit)])).toMatchObject({
      code: 'FORBIDDEN',
    });
    const unauthenticated = await server.gql(
      'mutation($input: InviteUseUnitsInput!) { inviteUseUnits(input: $input) { __typename ... on Error { code } } }',
      { input: { invitations: [rowFor(useUnit)] } },
    );
    expect(unauthenticated.data?.inviteUseUnits.code).toBe('UNAUTHENTICATED');
    const strangerProof = await uploadProof(server, useUnit.token);
    expect(await invite(server, dcu.token, [rowFor(useUnit)], { proofMaterialIds: [strangerProof] })).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'proofMaterialIds.0', code: 'NOT_FOUND' }],
    });
  });

  it('idempotency: the same key and body return the first outcome without inviting twice; another body is DUPLICATE', async () => {
    const created = await createToken(server, dcu.token);
    const units = await Promise.all([1, 2].map(() => createUseUnit(server)));
    const rows = [rowFor(units[0] as Party), rowFor(dcu)];
    const first = await invite(server, created.token, rows, { proofMaterialIds: [proof], idempotencyKey: 'batch-1' });
    expect(first.succeeded).toHaveLength(1);
    const again = await invite(server, created.token, rows, { proofMaterialIds: [proof], idempotencyKey: 'batch-1' });
    expect(again).toEqual(first);
    const count = await server.running.app.db.invitation.count({ where: { useUnitUscc: (units[0] as Party).uscc } });
    expect(count).toBe(1);
    const other = await invite(server, created.token, [rowFor(units[1] as Party)], {
      proofMaterialIds: [proof],
      idempotencyKey: 'batch-1',
    });
    expect(other).toMatchObject({ __typename: 'BaseError', code: 'DUPLICATE' });
    // keys are per enterprise: another DCU may use the same key
    const otherDcu = await createDcu(server);
    const theirs = await invite(server, otherDcu.token, [rowFor(units[1] as Party)], {
      proofMaterialIds: [await uploadProof(server, otherDcu.token)],
      idempotencyKey: 'batch-1',
    });
    expect(theirs.succeeded).toHaveLength(1);
    // and users may use keys too
    const units2 = await createUseUnit(server);
    const byUser = await invite(server, dcu.token, [rowFor(units2)], {
      proofMaterialIds: [proof],
      idempotencyKey: 'web-7',
    });
    expect(
      await invite(server, dcu.token, [rowFor(units2)], { proofMaterialIds: [proof], idempotencyKey: 'web-7' }),
    ).toEqual(byUser);
  });

  it('sentInvitations: status filter, search by USCC or name, keyset paging 1–100, newest first', async () => {
    const other = await createDcu(server);
    const otherProof = await uploadProof(server, other.token);
    const units = await Promise.all([1, 2, 3, 4].map(() => createUseUnit(server)));
    for (const unit of units) await invite(server, other.token, [rowFor(unit)], { proofMaterialIds: [otherProof] });
    const query = `query($status: InvitationStatus, $search: String, $first: Int, $after: String) {
      sentInvitations(status: $status, search: $search, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { useUnitUscc status } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await server.gql(query, { first: 1, after }, other.token);
      expect(page.data.sentInvitations.totalCount).toBe(4);
      seen.push(...page.data.sentInvitations.edges.map((edge: any) => edge.node.useUnitUscc));
      if (!page.data.sentInvitations.pageInfo.hasNextPage) break;
      after = page.data.sentInvitations.pageInfo.endCursor;
    }
    expect(seen).toEqual(units.map((unit) => unit.uscc).reverse());
    const byUscc = await server.gql(query, { search: (units[1] as Party).uscc.toLowerCase() }, other.token);
    expect(byUscc.data?.sentInvitations.totalCount).toBe(1);
    const byName = await server.gql(query, { search: (units[2] as Party).name.slice(2, 12) }, other.token);
    expect(byName.data?.sentInvitations.edges.map((edge: any) => edge.node.useUnitUscc)).toEqual([
      (units[2] as Party).uscc,
    ]);
    expect((await server.gql(query, { status: 'DECLINED' }, other.token)).data?.sentInvitations.totalCount).toBe(0);
    for (const first of [0, 101]) {
      const bad = await server.gql(query, { first }, other.token);
      expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    }
  });
});
