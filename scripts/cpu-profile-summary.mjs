// `node scripts/cpu-profile-summary.mjs <dir> [--top n]`: where the test workers' CPU went, summed over the profiles
// that `LEQI_TEST_PROFILE=<dir>` wrote (scripts/cpu-profile.ts): busy and idle seconds, then the busiest packages and
// functions by self time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '30' } },
  allowPositionals: true,
});
const dir = positionals[0];
if (!dir) {
  console.error('usage: node scripts/cpu-profile-summary.mjs <dir> [--top n]');
  process.exit(2);
}
const byPackage = new Map();
const byFunction = new Map();
let busy = 0;
let idle = 0;
const add = (map, key, micros) => map.set(key, (map.get(key) ?? 0) + micros);
for (const name of readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = nodes.get(id).callFrame;
    if (frame.functionName === '(idle)') {
      idle += micros;
      return;
    }
    busy += micros;
    const installed = /node_modules\/\.pnpm\/([^/]+)/.exec(frame.url)?.[1]?.replace(/_.*/, '');
    const own = /\/(packages\/[^/]+\/[^/]+\/[^/]+)/.exec(frame.url)?.[1];
    const where = installed ?? own ?? (frame.url || frame.functionName);
    add(byPackage, where, micros);
    add(byFunction, `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber}`, micros);
  });
}
const seconds = (micros) => (micros / 1e6).toFixed(1).padStart(8);
const top = Number(values.top);
console.log(`busy ${seconds(busy).trim()} s, idle ${seconds(idle).trim()} s\n\nby package (self time, s)`);
for (const [key, micros] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(seconds(micros), key);
console.log('\nby function (self time, s)');
for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(seconds(micros), key);
