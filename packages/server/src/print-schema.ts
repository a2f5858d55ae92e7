// `pnpm schema:print` writes schema.graphql, the committed API reference (a test fails when it drifts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printedSchema } from './schema.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
writeFileSync(SCHEMA_FILE, printedSchema());
console.log(`wrote ${SCHEMA_FILE}`);
