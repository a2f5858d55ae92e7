// The committed SDL is the API contract third parties build on (DESIGN §7): it must match the code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printedSchema, schema } from '../src/schema.ts';

const COMMITTED = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));

describe('schema drift', () => {
  it('schema.graphql equals the schema printed from the code', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    const printed = printedSchema();
    expect(
      printed === committed,
      'schema.graphql is out of date with the code: run `pnpm schema:print` and commit schema.graphql',
    ).toBe(true);
  });

  it('keeps the exact shapes DESIGN §7 promises', () => {
    const sdl = printedSchema();
    for (const shape of [
      'interface ReviewCase implements Node',
      'acceptAccessApplication(input: CaseVersionInput!): AccessApplicationPayload!',
      'refuseAccessApplication(input: CaseDecisionWithReasonInput!): AccessApplicationPayload!',
      'uploadMaterial(input: UploadMaterialInput!): UploadMaterialPayload!',
      'signIn(input: SignInInput!): SignInPayload!',
      'caseEvents(after: String): CaseEvent!',
    ]) {
      expect(sdl, shape).toContain(shape);
    }
    const errorType = schema.getType('Error');
    const errorFields = errorType && 'getFields' in errorType ? errorType.getFields() : {};
    expect(Object.fromEntries(Object.entries(errorFields).map(([name, field]) => [name, String(field.type)]))).toEqual({
      code: 'ErrorCode!',
      message: 'String!',
    });
    const reviewQueue = schema.getQueryType()?.getFields().reviewQueue;
    expect(String(reviewQueue?.type)).toBe('ReviewCaseConnection!');
    const args = Object.fromEntries((reviewQueue?.args ?? []).map((arg) => [arg.name, String(arg.type)]));
    expect(args).toMatchObject({ kind: 'ReviewKind!', step: 'ReviewStep!', first: 'Int', after: 'String' });
    for (const value of ['ACCESS_APPLICATION', 'EXIT_APPLICATION', 'INVITATION', 'CAPABILITY_SUBSCRIPTION'])
      expect(sdl).toMatch(new RegExp(`enum ReviewKind \\{[^}]*${value}`));
  });
});
