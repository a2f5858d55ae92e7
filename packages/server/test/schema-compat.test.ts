// The breaking-change guard (scripts/schema-compat.mjs): the committed schema against the previous release passes;
// a removed field fails with the change listed, and passes once the changelog declares it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FieldDefinitionNode, parse, print, visit } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = join(root, 'scripts/schema-compat.mjs');

function check(args: string[] = []) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('schema compatibility guard', () => {
  const directory = mkdtempSync(join(tmpdir(), 'leqi-schema-compat-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('passes on the committed schema.graphql, release copy and changelog', () => {
    const result = check();
    expect(result.output).toContain('no undeclared breaking change');
    expect(result.status).toBe(0);
  });

  it('fails on an undeclared removed field, listing it; passes once the changelog declares it', () => {
    const schema = readFileSync(join(root, 'schema.graphql'), 'utf8');
    // the field goes with its description, so the AST is edited rather than the text
    const withoutField = print(
      visit(parse(schema), {
        ObjectTypeDefinition: (type) =>
          type.name.value === 'Invitation'
            ? {
                ...type,
                fields: type.fields?.filter((field: FieldDefinitionNode) => field.name.value !== 'useUnitName'),
              }
            : undefined,
      }),
    );
    expect(withoutField).not.toBe(schema);
    const schemaFile = join(directory, 'schema.graphql');
    writeFileSync(schemaFile, withoutField);
    const changelogFile = join(directory, 'CHANGELOG.md');
    writeFileSync(changelogFile, readFileSync(join(root, 'docs/CHANGELOG.md'), 'utf8'));

    const refused = check(['--schema', schemaFile, '--changelog', changelogFile]);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('BREAKING FIELD_REMOVED: Invitation.useUnitName was removed.');

    writeFileSync(
      changelogFile,
      `${readFileSync(changelogFile, 'utf8')}\n## Next\n- BREAKING FIELD_REMOVED: Invitation.useUnitName was removed. Use \`enterprise.name\`.\n`,
    );
    const declared = check(['--schema', schemaFile, '--changelog', changelogFile]);
    expect(declared.output).toContain('declared: BREAKING FIELD_REMOVED: Invitation.useUnitName was removed.');
    expect(declared.status).toBe(0);
  });

  it('treats additions as compatible', () => {
    const schema = readFileSync(join(root, 'schema.graphql'), 'utf8');
    const schemaFile = join(directory, 'added.graphql');
    writeFileSync(
      schemaFile,
      schema.replace('type Invitation implements', 'type Added {\n  x: Int\n}\n\ntype Invitation implements'),
    );
    expect(check(['--schema', schemaFile]).status).toBe(0);
  });
});
