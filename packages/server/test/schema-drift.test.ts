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
    expect(sdl).toContain('interface ReviewCase implements Node');
    // `name(args): Type` of a root field, printed without the descriptions of its arguments
    const signature = (root: 'Query' | 'Mutation' | 'Subscription', name: string) => {
      const type =
        root === 'Query'
          ? schema.getQueryType()
          : root === 'Mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      const field = type?.getFields()[name];
      if (!field) return `${name}: missing`;
      const args = field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(', ');
      return `${name}${args ? `(${args})` : ''}: ${String(field.type)}`;
    };
    expect(signature('Mutation', 'acceptAccessApplication')).toBe(
      'acceptAccessApplication(input: CaseVersionInput!): AccessApplicationPayload!',
    );
    expect(signature('Mutation', 'refuseAccessApplication')).toBe(
      'refuseAccessApplication(input: CaseDecisionWithReasonInput!): AccessApplicationPayload!',
    );
    expect(signature('Mutation', 'uploadMaterial')).toBe(
      'uploadMaterial(input: UploadMaterialInput!): UploadMaterialPayload!',
    );
    expect(signature('Mutation', 'signIn')).toBe('signIn(input: SignInInput!): SignInPayload!');
    expect(signature('Subscription', 'caseEvents')).toBe('caseEvents(after: String): CaseEvent!');
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
