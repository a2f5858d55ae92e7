// `node scripts/test-timings.mjs [report.json …] [--top n]`: the slowest test files of vitest JSON reports
// (`--reporter=json --outputFile.json=…`; .ci/run writes artifacts/test.json and artifacts/test-pg.json), as a
// Markdown table: the file's wall time, the sum of its tests, the difference (set-up: imports, beforeAll/afterAll,
// server and browser start) and its slowest test.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '20' } },
  allowPositionals: true,
});
const reports = positionals.length > 0 ? positionals : ['artifacts/test.json', 'artifacts/test-pg.json'];
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
    rows.push({ report: path, file: relative(process.cwd(), file.name), wall, tests: tests.length, inTests, slowest });
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
