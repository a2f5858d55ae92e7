// Trusted documents: every GraphQL operation of the web app, as the urql client sends it, in a manifest
// `{ sha256(document): document }` written beside the build (dist/persisted-operations.json). The server runs only
// these for browser sessions in production. Run by the Vite build (vite.config.ts); by hand:
//   node_modules/.bin/tsx packages/web/scripts/persisted-operations.ts [outDir]
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, URL as NodeURL, pathToFileURL } from 'node:url';
import { formatDocument, stringifyDocument } from '@urql/core';
import { type DocumentNode, print } from 'graphql';

const WEB_DIR = fileURLToPath(new NodeURL('..', import.meta.url));

function isOperationDocument(value: unknown): value is DocumentNode {
  const node = value as DocumentNode | null;
  return (
    !!node &&
    typeof node === 'object' &&
    node.kind === 'Document' &&
    Array.isArray(node.definitions) &&
    node.definitions.some((definition) => definition.kind === 'OperationDefinition')
  );
}

/** Documents among a module's exports, also inside exported objects and arrays (e.g. tables of decisions). */
function documentsIn(value: unknown, found: DocumentNode[], depth = 0): void {
  if (isOperationDocument(value)) {
    found.push(value);
    return;
  }
  if (!value || typeof value !== 'object' || depth > 3) return;
  for (const item of Object.values(value)) documentsIn(item, found, depth + 1);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every operation document exported by a `.ts` module under `src/`. */
export async function collectDocuments(srcDir = join(WEB_DIR, 'src')): Promise<DocumentNode[]> {
  const found: DocumentNode[] = [];
  for (const file of sourceFiles(srcDir)) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    documentsIn(module, found);
  }
  return found;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The texts of a document the server may meet: the canonical print (whose hash the client sends, see
 * src/app/client.ts) and urql's own string (sent in full over graphql-ws), each as written and with the
 * `__typename`s urql's cache adds.
 */
export function sentTexts(document: DocumentNode): string[] {
  const formatted = formatDocument(document);
  return [...new Set([print(formatted), print(document), stringifyDocument(formatted), stringifyDocument(document)])];
}

export function manifestOf(documents: DocumentNode[]): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (const document of documents) {
    for (const text of sentTexts(document)) manifest[sha256Hex(text)] = text;
  }
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = process.argv[2] ?? join(WEB_DIR, 'dist');
  const manifest = manifestOf(await collectDocuments());
  const path = join(outDir, 'persisted-operations.json');
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${Object.keys(manifest).length} persisted operations → ${relative(process.cwd(), path)}`);
}
