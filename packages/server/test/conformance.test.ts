// GraphQL over HTTP conformance: the `graphql-http` package's server audits against our real /graphql.
// Every MUST passes; the SHOULDs are counted (a bare graphql-yoga passes all 23) and failures are printed.
// graphql-http 1.23 has no `lib/audits/server.mjs` in its exports map; the package root re-exports serverAudits.
import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

/** SHOULD audits our server passes; lower only with a reason written here. */
const EXPECTED_SHOULD_PASSES = 23;

describe(`graphql-http server audits (${databaseKind()})`, () => {
  let server: TestServer;
  const results = new Map<string, AuditResult>();
  const audits = serverAudits({ url: () => `${server.url}/graphql` });

  beforeAll(async () => {
    server = await startTestServer();
    for (const audit of audits) results.set(audit.id, await audit.fn());
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has MUST and SHOULD audits to run', () => {
    expect(audits.filter((audit) => audit.name.startsWith('MUST')).length).toBeGreaterThanOrEqual(13);
    expect(audits.filter((audit) => audit.name.startsWith('SHOULD')).length).toBeGreaterThanOrEqual(23);
  });

  for (const audit of audits.filter((candidate) => candidate.name.startsWith('MUST'))) {
    it(audit.name, () => {
      const result = results.get(audit.id);
      expect(result?.status, result?.status !== 'ok' ? result?.reason : undefined).toBe('ok');
    });
  }

  it(`passes ${EXPECTED_SHOULD_PASSES} SHOULD audits`, () => {
    const should = audits.filter((audit) => audit.name.startsWith('SHOULD'));
    const failures = should
      .map((audit) => results.get(audit.id))
      .filter((result): result is AuditResult => result !== undefined && result.status !== 'ok');
    for (const failure of failures)
      console.info(`SHOULD not met: ${failure.name} — ${failure.status === 'ok' ? '' : failure.reason}`);
    console.info(`graphql-http audits: ${should.length - failures.length}/${should.length} SHOULD passed`);
    expect(should.length - failures.length).toBe(EXPECTED_SHOULD_PASSES);
  });
});
