// The initial-JavaScript budget script (scripts/web-bundle-size.mjs) on a fixture build: it counts the entry, the
// modulepreloaded chunks and their static imports, never lazily imported pages or CSS, and fails above the budget.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = join(root, 'scripts/web-bundle-size.mjs');

interface SizeModule {
  htmlReferences(html: string): string[];
  staticImports(code: string): string[];
  initialChunks(dist: string): string[];
  measure(dist: string): { files: { file: string; gzipBytes: number }[]; totalGzipBytes: number };
}
const load = async () => (await import(pathToFileURL(script).href)) as SizeModule;

function run(args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A build as Vite writes it: entry + modulepreload in index.html, a static import chain, a lazy page, CSS. */
function fixtureDist(): string {
  const dist = mkdtempSync(join(tmpdir(), 'leqi-bundle-size-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><html><head>
<script type="module" crossorigin src="/assets/index-A1.js"></script>
<link rel="modulepreload" crossorigin href="/assets/vendor-B2.js">
<link rel="stylesheet" crossorigin href="/assets/index-C3.css">
<script src="https://example.com/analytics.js"></script>
</head><body><div id="root"></div></body></html>`,
  );
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `var v${i}=${(i * 7919) % 104729};`).join('');
  writeFileSync(
    join(dist, 'assets/index-A1.js'),
    `import{a as b}from"./vendor-B2.js";import"./shared-D4.js";const p=()=>import("./LazyPage-E5.js");${filler(200)}`,
  );
  writeFileSync(join(dist, 'assets/vendor-B2.js'), `export{x as a}from"./deep-F6.js";${filler(400)}`);
  writeFileSync(join(dist, 'assets/shared-D4.js'), filler(50));
  writeFileSync(join(dist, 'assets/deep-F6.js'), `export const x=1;${filler(30)}`);
  writeFileSync(join(dist, 'assets/LazyPage-E5.js'), filler(5000));
  writeFileSync(join(dist, 'assets/index-C3.css'), `body{margin:0}${'.a{color:red}'.repeat(500)}`);
  return dist;
}

describe('web bundle size script', () => {
  const dist = fixtureDist();
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('reads the module entry and modulepreload links of index.html, not stylesheets or other hosts', async () => {
    const { htmlReferences } = await load();
    const html = `<script type="module" src="/assets/a.js"></script><link href="/assets/b.js" rel="modulepreload">
      <link rel="stylesheet" href="/assets/c.css"><script src="//cdn.example/x.js" type="module"></script>`;
    expect(htmlReferences(html)).toEqual(['/assets/a.js', '/assets/b.js']);
  });

  it('follows static imports and re-exports, not dynamic import()', async () => {
    const { staticImports } = await load();
    expect(
      staticImports(`import{a}from"./x.js";import "./y.js";export{b}from"./z.js";const l=()=>import("./lazy.js")`),
    ).toEqual(['./x.js', './y.js', './z.js']);
  });

  it('counts the entry, the preloaded chunks and their static imports — not the lazy page', async () => {
    const { initialChunks, measure } = await load();
    expect(initialChunks(dist).sort()).toEqual(
      ['assets/deep-F6.js', 'assets/index-A1.js', 'assets/shared-D4.js', 'assets/vendor-B2.js'].sort(),
    );
    const { files, totalGzipBytes } = measure(dist);
    expect(totalGzipBytes).toBe(files.reduce((sum, f) => sum + f.gzipBytes, 0));
    const { readFileSync } = await import('node:fs');
    const entry = files.find((f) => f.file === 'assets/index-A1.js');
    expect(entry?.gzipBytes).toBe(gzipSync(readFileSync(join(dist, 'assets/index-A1.js')), { level: 9 }).length);
  });

  it('prints every file and the total, exits 0 within the budget and 1 above it', () => {
    const within = run(['--dist', dist]);
    expect(within.status).toBe(0);
    expect(within.output).toContain('assets/vendor-B2.js');
    expect(within.output).not.toContain('LazyPage');
    expect(within.output).toMatch(/total [\d.]+ KB gzipped, within the budget of 300\.0 KB/);
    const over = run(['--dist', dist, '--budget-kb', '1']);
    expect(over.status).toBe(1);
    expect(over.output).toContain('OVER the budget of 1.0 KB');
  });

  it('exits 2 when index.html names a chunk missing from the build', () => {
    const broken = mkdtempSync(join(tmpdir(), 'leqi-bundle-broken-'));
    writeFileSync(join(broken, 'index.html'), '<script type="module" src="/assets/gone.js"></script>');
    const result = run(['--dist', broken]);
    rmSync(broken, { recursive: true, force: true });
    expect(result.status).toBe(2);
    expect(result.output).toContain('assets/gone.js');
  });
});
