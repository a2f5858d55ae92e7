// Fails when the committed src/gql/ is not what `pnpm codegen` would write now: generates in memory from codegen.ts
// (the schema ../../schema.graphql and the graphql(`…`) documents in src) and compares file by file, so a schema change,
// an edited document or a hand-edited generated file is caught. Run by this package's `typecheck` (and so by the root
// `pnpm typecheck`); fix a failure with `pnpm --filter @leqi/example-erp-client codegen` and commit src/gql/.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const loaded = await loadCodegenConfig({ configFilePath: join(packageDir, 'codegen.ts') });
if (!loaded?.config) throw new Error('codegen.ts did not load');

const outputs = await generate({ ...loaded.config, cwd: packageDir, silent: true }, false);
const expected = new Map(outputs.map((output) => [resolve(packageDir, output.filename), output.content]));

// every directory codegen writes to, and the files in it now
const directories = [...new Set([...expected.keys()].map((file) => dirname(file)))];
const present = (
  await Promise.all(
    directories.map(async (directory) =>
      (
        await readdir(directory, { withFileTypes: true }).catch(() => [])
      )
        .filter((entry) => entry.isFile())
        .map((entry) => join(directory, entry.name)),
    ),
  )
).flat();

const problems = [];
for (const [file, content] of expected) {
  const actual = await readFile(file, 'utf8').catch(() => null);
  if (actual === null) problems.push(`missing   ${relative(packageDir, file)}`);
  else if (actual !== content) problems.push(`outdated  ${relative(packageDir, file)}`);
}
for (const file of present) if (!expected.has(file)) problems.push(`not generated  ${relative(packageDir, file)}`);

if (problems.length > 0) {
  console.error(
    [
      'examples/erp-client: the generated GraphQL types are out of date with schema.graphql and the documents in src:',
      ...problems.map((problem) => `  ${problem}`),
      'Run `pnpm --filter @leqi/example-erp-client codegen` and commit src/gql/ (never edit it by hand).',
    ].join('\n'),
  );
  process.exit(1);
}
console.log(`examples/erp-client: src/gql is up to date (${expected.size} files)`);
