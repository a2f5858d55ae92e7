// `node scripts/test-timings.mjs [report.json …] [--top n] [--durations]`: the slowest test files of vitest JSON
// reports (`--reporter=json --outputFile.json=…`; .ci/run writes artifacts/test*.json), as a Markdown table: the
// file's wall time, the sum of its tests, the difference (set-up: imports, beforeAll/afterAll, server and browser
// start) and its slowest test. `--durations` also writes scripts/test-durations.json, the table the test runs start
// the longest files first from (scripts/longest-first.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '20' }, durations: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const reports =
  positionals.length > 0 ? positionals : ['artifacts/test.json', 'artifacts/test-e2e.json', 'artifacts/test-pg.json'];
/** a test file's path in its repository (the report may come from another clone, such as CI's) */
const inRepository = (path) => path.replace(/^.*?\/(packages\/|e2e\/)/, '$1');
/** the vitest project of a test file (vitest.config.ts) */
const projectOf = (path) => /^(?:packages\/)?(domain|server|web|e2e)\//.exec(inRepository(path))?.[1] ?? 'unknown';
const rows = [];
for (const path of reports) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    continue;
  }
  if (!Array.isArray(report.testResults)) continue;
  for (const file of report.testResults) {
    const wall = (file.endTime - file.startTime) / 1000;
    const tests = file.assertionResults.map((test) => ({
      name: test.fullName ?? test.title,
      s: (test.duration ?? 0) / 1000,
    }));
    const inTests = tests.reduce((sum, test) => sum + test.s, 0);
    const slowest = tests.sort((a, b) => b.s - a.s)[0];
    const project = projectOf(file.name);
    rows.push({
      report: path,
      project,
      file: inRepository(file.name),
      wall,
      tests: tests.length,
      inTests,
      slowest,
    });
  }
}
rows.sort((a, b) => b.wall - a.wall);
const total = rows.reduce((sum, row) => sum + row.wall, 0);
console.log(
  `${rows.length} files, ${total.toFixed(0)} s summed over files (files run in parallel: more than the wall time)\n`,
);
console.log('| # | file (report) | wall s | tests | in tests s | set-up s | slowest test (s) |');
console.log('|---|---|---|---|---|---|---|');
rows.slice(0, Number(values.top)).forEach((row, index) => {
  const slowest = row.slowest ? `${row.slowest.name.slice(0, 70)} (${row.slowest.s.toFixed(1)})` : '';
  console.log(
    `| ${index + 1} | ${row.file} (${row.report.replace(/^.*\//, '')}) | ${row.wall.toFixed(1)} | ${row.tests} | ${row.inTests.toFixed(1)} | ${(row.wall - row.inTests).toFixed(1)} | ${slowest} |`,
  );
});

if (values.durations) {
  const durations = {};
  for (const row of rows) {
    const key = `${row.project}:${row.file}`;
    durations[key] = Math.max(durations[key] ?? 0, Number(row.wall.toFixed(1)));
  }
  const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(new URL('./test-durations.json', import.meta.url), `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`\nwrote scripts/test-durations.json (${Object.keys(sorted).length} files)`);
}
