// `pnpm schema:compat`: compares schema.graphql with the previous release (docs/schema-release.graphql) and fails
// on any breaking change (graphql-js findBreakingChanges) that docs/CHANGELOG.md does not declare.
// A change is declared by a changelog line containing `BREAKING <TYPE>: <description>`, exactly as this script
// prints it, e.g. `- BREAKING FIELD_REMOVED: Invitation.useUnitName was removed.`
// Options (for tests): --schema <file> --release <file> --changelog <file>.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// graphql is a dependency of the server package; use its copy
const { buildSchema, findBreakingChanges, findDangerousChanges } = createRequire(
  new URL('../packages/server/package.json', import.meta.url),
)('graphql');

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    schema: { type: 'string', default: `${root}schema.graphql` },
    release: { type: 'string', default: `${root}docs/schema-release.graphql` },
    changelog: { type: 'string', default: `${root}docs/CHANGELOG.md` },
  },
});

/** The marker a changelog line must contain to declare the change. */
function marker(change) {
  return `BREAKING ${change.type}: ${change.description}`;
}

const load = (file) => buildSchema(readFileSync(file, 'utf8'));
const previous = load(values.release);
const current = load(values.schema);
const changelog = readFileSync(values.changelog, 'utf8');
const normalise = (text) => text.replace(/`/g, '').replace(/\s+/g, ' ');
const declaredText = normalise(changelog);

const breaking = findBreakingChanges(previous, current);
const undeclared = breaking.filter((change) => !declaredText.includes(normalise(marker(change))));
for (const change of findDangerousChanges(previous, current)) console.log(`dangerous (allowed): ${marker(change)}`);
for (const change of breaking.filter((item) => !undeclared.includes(item))) console.log(`declared: ${marker(change)}`);

if (undeclared.length > 0) {
  console.error(`schema-compat: ${undeclared.length} undeclared breaking change(s) against ${values.release}:`);
  for (const change of undeclared) console.error(`  - ${marker(change)}`);
  console.error(
    'Keep the old field (mark it @deprecated) or, after the deprecation period, declare each line above in docs/CHANGELOG.md.',
  );
  process.exit(1);
}
console.log(`schema-compat: no undeclared breaking change (${breaking.length} declared).`);
