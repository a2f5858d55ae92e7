// Bindings: unbinding one or many by the DCU (web and API token), self-unbinding by the use unit,
// authorisations revoked, per-item failures, re-invitation, proof replacement by either side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import {
  createDcu,
  createToken,
  createUseUnit,
  invitationIn,
  invite,
  type Party,
  readInvitation,
  rowFor,
  uploadProof,
} from './invitation.fixtures.ts';

const UNBIND = `mutation($input: UnbindUseUnitsInput!) { unbindUseUnits(input: $input) { __typename
  ... on UnbindUseUnitsSuccess { unbound { id status unboundAt useUnit { uscc } invitation { status officialStatusCode } authorisations { status } } failed { bindingId uscc code message } }
  ... on Error { code message } } }`;
const SELF_UNBIND = `mutation($input: UnbindDirectUnitInput!) { unbindDirectUnit(input: $input) { __typename
  ... on BindingSuccess { binding { id status invitation { status } authorisations { status } } }
  ... on Error { code message } } }`;
const REPLACE = `mutation($input: ReplaceRelationshipProofInput!) { replaceRelationshipProof(input: $input) { __typename
  ... on InvitationSuccess { invitation { version proofMaterials { id } auditTrail { event } } }
  ... on Error { code message } ... on ValidationError { issues { field code } } } }`;

describe(`bindings and unbinding (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  beforeAll(async () => {
    server = await startTestServer();
    dcu = await createDcu(server);
  });
  afterAll(async () => server?.close());

  async function bound(owner: Party = dcu) {
    const walked = await invitationIn(server, 'CONFIRMED', { dcu: owner });
    const invitation = await readInvitation(server, owner.token, walked.id);
    return { ...walked, bindingId: invitation.binding.id as string };
  }

  it('the DCU unbinds one by binding id: UNBOUND at once, invitation 已解除 (6), authorisations revoked', async () => {
    const one = await bound();
    const result = await server.gql(UNBIND, { input: { bindingIds: [one.bindingId] } }, dcu.token);
    const success = result.data?.unbindUseUnits;
    expect(success.failed).toEqual([]);
    expect(success.unbound[0]).toMatchObject({
      status: 'UNBOUND',
      useUnit: { uscc: one.useUnit.uscc },
      invitation: { status: 'UNBOUND', officialStatusCode: 6 },
      authorisations: [{ status: 'REVOKED' }],
    });
    expect(success.unbound[0].unboundAt).toBeTruthy();
    const trail = await readInvitation(server, one.useUnit.token, one.id);
    expect(trail.auditTrail.at(-1).event).toBe('unbindByDirectUnit');
    const active = await server.gql('{ bindings(status: ACTIVE) { totalCount } }', {}, one.useUnit.token);
    expect(active.data?.bindings.totalCount).toBe(0);
    // the same DCU (or another) may invite it again
    const again = await invite(server, dcu.token, [rowFor(one.useUnit)], {
      proofMaterialIds: [await uploadProof(server, dcu.token)],
    });
    expect(again.succeeded).toHaveLength(1);
  });

  it('the DCU unbinds many at once by USCC; unknown, foreign and already unbound items fail one by one', async () => {
    const a = await bound();
    const b = await bound();
    const foreign = await bound(await createDcu(server));
    await server.gql(UNBIND, { input: { bindingIds: [b.bindingId] } }, dcu.token);
    const result = await server.gql(
      UNBIND,
      {
        input: {
          // b by USCC too: unbound already, so no ACTIVE binding with it — NOT_FOUND, as by ID it is INVALID_TRANSITION
          usccs: [a.useUnit.uscc.toLowerCase(), foreign.useUnit.uscc, '91440100MA99999990', b.useUnit.uscc],
          bindingIds: [b.bindingId, foreign.bindingId],
        },
      },
      dcu.token,
    );
    const success = result.data?.unbindUseUnits;
    expect(success.unbound.map((binding: any) => binding.useUnit.uscc)).toEqual([a.useUnit.uscc]);
    expect(success.failed.map((failure: any) => failure.code)).toEqual([
      'INVALID_TRANSITION',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    expect(success.failed.every((failure: any) => failure.message.length > 0)).toBe(true);
    const stillBound = await server.gql('{ bindings(status: ACTIVE) { totalCount } }', {}, foreign.useUnit.token);
    expect(stillBound.data?.bindings.totalCount).toBe(1);
  });

  it('an API token of the DCU unbinds; limits: none is VALIDATION_FAILED, 251 is LIMIT_EXCEEDED', async () => {
    const one = await bound();
    const created = await createToken(server, dcu.token);
    const result = await server.gql(UNBIND, { input: { usccs: [one.useUnit.uscc] } }, created.token);
    expect(result.data?.unbindUseUnits.unbound).toHaveLength(1);
    expect((await server.gql(UNBIND, { input: {} }, dcu.token)).data?.unbindUseUnits.code).toBe('VALIDATION_FAILED');
    const many = Array.from({ length: 251 }, () => one.useUnit.uscc);
    expect((await server.gql(UNBIND, { input: { usccs: many } }, dcu.token)).data?.unbindUseUnits.code).toBe(
      'LIMIT_EXCEEDED',
    );
    expect(
      (await server.gql(UNBIND, { input: { usccs: [one.useUnit.uscc] } }, await server.signIn('th.officer1'))).data
        ?.unbindUseUnits.code,
    ).toBe('FORBIDDEN');
  });

  it('the use unit unbinds itself from its DCU; the DCU cannot use that mutation; twice is INVALID_TRANSITION', async () => {
    const one = await bound();
    const byDcu = await server.gql(SELF_UNBIND, { input: { bindingId: one.bindingId } }, dcu.token);
    expect(byDcu.data?.unbindDirectUnit.code).toBe('FORBIDDEN');
    const stranger = await createUseUnit(server);
    expect(
      (await server.gql(SELF_UNBIND, { input: { bindingId: one.bindingId } }, stranger.token)).data?.unbindDirectUnit
        .code,
    ).toBe('NOT_FOUND');
    const result = await server.gql(SELF_UNBIND, { input: { bindingId: one.bindingId } }, one.useUnit.token);
    expect(result.data?.unbindDirectUnit).toMatchObject({
      __typename: 'BindingSuccess',
      binding: { status: 'UNBOUND', invitation: { status: 'UNBOUND' }, authorisations: [{ status: 'REVOKED' }] },
    });
    const twice = await server.gql(SELF_UNBIND, { input: { bindingId: one.bindingId } }, one.useUnit.token);
    expect(twice.data?.unbindDirectUnit.code).toBe('INVALID_TRANSITION');
    const trail = await readInvitation(server, dcu.token, one.id);
    expect(trail.auditTrail.at(-1).event).toBe('unbindByUseUnit');
    const db = server.running.app.db;
    expect(
      await db.capabilityAuthorisation.count({ where: { holderEnterpriseId: one.useUnit.id, status: 'ACTIVE' } }),
    ).toBe(0);
  });

  it('either side replaces the relationship proof of a pending invitation or an ACTIVE binding; audited', async () => {
    const one = await bound();
    const dcuProof = await uploadProof(server, dcu.token);
    const byDcu = await server.gql(REPLACE, { input: { invitationId: one.id, materialIds: [dcuProof] } }, dcu.token);
    expect(byDcu.data?.replaceRelationshipProof.invitation.proofMaterials).toEqual([{ id: dcuProof }]);
    expect(byDcu.data?.replaceRelationshipProof.invitation.auditTrail.at(-1).event).toBe('replaceProof');
    const uuProof = await uploadProof(server, one.useUnit.token);
    const byUseUnit = await server.gql(
      REPLACE,
      { input: { invitationId: one.id, materialIds: [dcuProof, uuProof] } },
      one.useUnit.token,
    );
    expect(byUseUnit.data?.replaceRelationshipProof.invitation.proofMaterials).toHaveLength(2);
    const stranger = await createUseUnit(server);
    const strangerProof = await uploadProof(server, stranger.token);
    expect(
      (await server.gql(REPLACE, { input: { invitationId: one.id, materialIds: [strangerProof] } }, stranger.token))
        .data?.replaceRelationshipProof.code,
    ).toBe('NOT_FOUND');
    expect(
      (await server.gql(REPLACE, { input: { invitationId: one.id, materialIds: [strangerProof] } }, dcu.token)).data
        ?.replaceRelationshipProof.__typename,
    ).toBe('ValidationError');
    expect(
      (await server.gql(REPLACE, { input: { invitationId: one.id, materialIds: [] } }, dcu.token)).data
        ?.replaceRelationshipProof.__typename,
    ).toBe('ValidationError');
    const declined = await invitationIn(server, 'DECLINED', { dcu });
    expect(
      (await server.gql(REPLACE, { input: { invitationId: declined.id, materialIds: [dcuProof] } }, dcu.token)).data
        ?.replaceRelationshipProof.code,
    ).toBe('INVALID_TRANSITION');
  });

  it('bindings lists the viewer’s bindings as DCU or use unit, with status filter and paging', async () => {
    const other = await createDcu(server);
    await bound(other);
    const second = await bound(other);
    await server.gql(UNBIND, { input: { bindingIds: [second.bindingId] } }, other.token);
    const query = `query($status: BindingStatus, $first: Int, $after: String) { bindings(status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { status } } } }`;
    expect((await server.gql(query, {}, other.token)).data?.bindings.totalCount).toBe(2);
    expect((await server.gql(query, { status: 'ACTIVE' }, other.token)).data?.bindings.totalCount).toBe(1);
    const page = await server.gql(query, { first: 1 }, other.token);
    expect(page.data?.bindings.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql(query, { first: 1, after: page.data?.bindings.pageInfo.endCursor }, other.token);
    expect(next.data?.bindings.edges).toHaveLength(1);
    expect(next.data?.bindings.pageInfo.hasNextPage).toBe(false);
  });
});
