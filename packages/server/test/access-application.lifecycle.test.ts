import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const PDF = '%PDF-1.4\n%%EOF\n';

const APPLICATION_FIELDS =
  'id version status statusLabel lastReason availableActions { event } auditTrail { event actorName reason }';
const PAYLOAD = `__typename ... on AccessApplicationSuccess { accessApplication { ${APPLICATION_FIELDS} } } ... on Error { code message } ... on ValidationError { issues { field code message } } ... on NotEligibleError { report { passed checks { code passed } } } ... on StaleVersionError { currentVersion }`;

async function upload(
  server: TestServer,
  token: string,
  kind: string,
  content = PDF,
  name = `${kind}.pdf`,
): Promise<any> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query:
        'mutation($f: Upload!, $k: MaterialKind!) { uploadMaterial(input: {file: $f, kind: $k}) { __typename ... on UploadMaterialSuccess { material { id kind mimeType downloadUrl } } ... on Error { code message } } }',
      variables: { f: null, k: kind },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([content]), name);
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-leqi-csrf': '1' },
    body: form,
  });
  return (await response.json()).data.uploadMaterial;
}

describe(`access application end to end over HTTP (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('goes from draft to an ACTIVE direct-connect unit with four-eyes, jurisdiction and versions enforced', async () => {
    const clerk = await server.signIn('yf.clerk');
    const report = await server.gql(
      '{ eligibilityCheck(input: {claimsLivelihood: false}) { passed checks { code passed actual required } } }',
      {},
      clerk,
    );
    expect(report.data?.eligibilityCheck.passed).toBe(true);

    const materialIds: string[] = [];
    for (const kind of [
      'ACCESS_INFO_FORM',
      'SERVICE_AGREEMENT',
      'SOFTWARE_COPYRIGHT',
      'PROJECT_REPORT',
      'NETWORK_ADDRESS_FORM',
    ]) {
      const result = await upload(server, clerk, kind);
      expect(result.__typename).toBe('UploadMaterialSuccess');
      materialIds.push(result.material.id);
    }

    const draft = await server.gql(
      `mutation($input: SaveAccessApplicationDraftInput!) { saveAccessApplicationDraft(input: $input) { ${PAYLOAD} } }`,
      {
        input: {
          claimsLivelihood: false,
          unitInfoConfirmed: true,
          basicInfo: { contactName: '李会计', contactPhone: '020-88886666', contactEmail: 'li@yunfan.example' },
          systemInfo: { systemName: '云帆财务中台', developerName: '云帆科技', networkAddress: '10.1.2.3' },
          useUnits: [{ uscc: '91440100993518190w', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' }],
          materialIds,
        },
      },
      clerk,
    );
    const application = draft.data?.saveAccessApplicationDraft.accessApplication;
    expect(application.status).toBe('DRAFT');

    const submitted = await server.gql(
      `mutation($id: ID!, $v: Int!) { submitAccessApplication(input: {id: $id, expectedVersion: $v}) { ${PAYLOAD} } }`,
      { id: application.id, v: application.version },
      clerk,
    );
    const pending = submitted.data?.submitAccessApplication.accessApplication;
    expect(pending.status).toBe('PENDING_ACCEPTANCE');
    expect(pending.statusLabel).toBe('待受理');

    const decide = async (mutation: string, user: string, id: string, version: number, reason?: string) =>
      (
        await server.gql(
          `mutation($input: ${reason === undefined ? 'CaseVersionInput' : 'CaseDecisionWithReasonInput'}!) { ${mutation}(input: $input) { ${PAYLOAD} } }`,
          { input: { id, expectedVersion: version, ...(reason === undefined ? {} : { reason }) } },
          await server.signIn(user),
        )
      ).data?.[mutation];

    // another local authority may not act
    expect((await decide('acceptAccessApplication', 'hzq.officer1', pending.id, pending.version)).code).toBe(
      'NOT_JURISDICTION',
    );
    const accepted = await decide('acceptAccessApplication', 'th.officer1', pending.id, pending.version);
    expect(accepted.accessApplication.status).toBe('PENDING_REVIEW');
    // the same officer may not also review
    expect(
      (await decide('approveAccessApplicationReview', 'th.officer1', pending.id, accepted.accessApplication.version))
        .code,
    ).toBe('FOUR_EYES');
    // an old version is refused
    const stale = await decide('approveAccessApplicationReview', 'th.officer2', pending.id, pending.version);
    expect(stale).toMatchObject({
      __typename: 'StaleVersionError',
      code: 'STALE_VERSION',
      currentVersion: accepted.accessApplication.version,
    });
    const reviewed = await decide(
      'approveAccessApplicationReview',
      'th.officer2',
      pending.id,
      accepted.accessApplication.version,
    );
    expect(reviewed.accessApplication.status).toBe('PENDING_CONFIRMATION');
    expect(
      (await decide('confirmAccessApplication', 'sh.confirmer', pending.id, reviewed.accessApplication.version)).code,
    ).toBe('NOT_JURISDICTION');
    const confirmed = await decide(
      'confirmAccessApplication',
      'gd.confirmer',
      pending.id,
      reviewed.accessApplication.version,
    );
    expect(confirmed.accessApplication.status).toBe('CONFIRMED');
    // the draft saves are the enterprise's own: the confirming officer's trail starts at the submission
    expect(confirmed.accessApplication.auditTrail.map((event: { event: string }) => event.event)).toEqual([
      'submit',
      'accept',
      'approveReview',
      'confirm',
    ]);
    const ownTrail = await server.gql(
      'query($id: ID!) { accessApplication(id: $id) { auditTrail { event } } }',
      { id: pending.id },
      clerk,
    );
    expect(ownTrail.data?.accessApplication.auditTrail.map((event: { event: string }) => event.event)).toEqual([
      'saveDraft',
      'submit',
      'accept',
      'approveReview',
      'confirm',
    ]);

    const viewer = await server.gql('{ viewer { enterprise { dcuStatus leqiId dcuExpiresAt } } }', {}, clerk);
    expect(viewer.data?.viewer.enterprise.dcuStatus).toBe('ACTIVE');
    expect(viewer.data?.viewer.enterprise.leqiId).toMatch(/^LQ\d{12}\d{6}$/);
  });
});
