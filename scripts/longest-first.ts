// The order test files start in: project by project (as vitest does: a worker that reuses its module graph,
// `isolate: false`, would load the server and the web app again at every switch), and within a project longest first,
// from the durations of a recent full run (test-durations.json, written by `node scripts/test-timings.mjs
// --durations`). Vitest orders by its own results cache, which a fresh clone (CI) does not have; it then falls back to
// file size, and a long file that starts last keeps one worker busy after the others have finished. Files missing
// from the table (new ones) go first in their project.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ROOT = new URL('..', import.meta.url).pathname;
const DURATIONS: Record<string, number> = JSON.parse(
  readFileSync(new URL('./test-durations.json', import.meta.url), 'utf8'),
);

export function durationKey(project: string, file: string): string {
  return `${project}:${relative(ROOT, file)}`;
}

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (spec: TestSpecification) =>
      DURATIONS[durationKey(spec.project.name, spec.moduleId)] ?? Number.POSITIVE_INFINITY;
    return [...files].sort(
      (a, b) => a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || seconds(b) - seconds(a),
    );
  }
}
