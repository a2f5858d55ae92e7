// `pnpm size:web`: the gzipped size of the web app's initial JavaScript against its budget (300 KB).
// Initial = what the browser must download before the first page renders: the entry script of index.html, every
// chunk index.html preloads (<link rel="modulepreload">), and every chunk those import statically — never the chunks
// behind a dynamic import() (the lazily loaded pages). Prints each file's gzipped size and the total; exits 1 above
// the budget, 2 when the build cannot be read.
// Options: --dist <dir> read that build (default: build packages/web, then read packages/web/dist)
//          --no-build read the existing packages/web/dist   --budget-kb <n> (default 300)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_BUDGET_KB = 300;

/** Script and modulepreload URLs of index.html that point into the build (absolute paths resolve from the dist root). */
export function htmlReferences(html) {
  const refs = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i'))?.[1];
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src && /\btype\s*=\s*["']module["']/i.test(tag)) refs.push(src);
    } else if ((attr('rel') ?? '').toLowerCase() === 'modulepreload') {
      const href = attr('href');
      if (href) refs.push(href);
    }
  }
  return refs.filter((ref) => !/^[a-z]+:\/\//i.test(ref) && !ref.startsWith('//'));
}

/** Relative specifiers a chunk imports statically (`import x from "./a.js"`, `import "./b.js"`, `export … from`). */
export function staticImports(code) {
  const found = new Set();
  const pattern = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*$\s{},]*?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
  for (const match of code.matchAll(pattern)) found.add(match[1]);
  return [...found];
}

/** Every file of the initial JavaScript, relative to `dist`, entry first. */
export function initialChunks(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const queue = htmlReferences(html).map((ref) => normalize(join(dist, ref.replace(/^\//, '').split('?')[0])));
  const seen = new Set();
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file) || !file.endsWith('.js')) continue;
    if (!existsSync(file)) throw new Error(`index.html refers to ${relative(dist, file)}, which is not in the build`);
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) queue.push(resolve(dirname(file), spec));
  }
  return [...seen].map((file) => relative(dist, file));
}

/** Gzipped bytes of each initial chunk and the total. */
export function measure(dist) {
  const files = initialChunks(dist).map((file) => {
    const content = readFileSync(join(dist, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return { files, totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function main() {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'budget-kb': { type: 'string', default: String(DEFAULT_BUDGET_KB) },
    },
  });
  const dist = values.dist ? resolve(values.dist) : join(root, 'packages/web/dist');
  if (!values.dist && !values['no-build']) {
    const built = spawnSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
      cwd: join(root, 'packages/web'),
      stdio: 'inherit',
    });
    if (built.status !== 0) {
      console.error('vite build of packages/web failed');
      process.exit(2);
    }
  }
  let result;
  try {
    result = measure(dist);
  } catch (error) {
    console.error(`cannot measure ${dist}: ${error.message}`);
    process.exit(2);
  }
  if (result.files.length === 0) {
    console.error(`no initial JavaScript found in ${join(dist, 'index.html')}`);
    process.exit(2);
  }
  const budget = Number(values['budget-kb']) * 1024;
  console.log('initial JavaScript (gzip -9):');
  for (const f of result.files)
    console.log(`  ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)} → ${kb(f.gzipBytes).padStart(9)}`);
  const verdict = result.totalGzipBytes <= budget ? 'within' : 'OVER';
  console.log(`total ${kb(result.totalGzipBytes)} gzipped, ${verdict} the budget of ${kb(budget)}`);
  process.exit(result.totalGzipBytes <= budget ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
