// docs/api.md names the events of every case kind an integrator receives from caseEvents: the list must be the
// domain's (the state tables), so a new event cannot ship undocumented.
import { readFileSync } from 'node:fs';
import { CASE_ANNOTATION_EVENTS, REVIEW_KIND_WORKFLOWS, type ReviewKind } from '@leqi/domain';
import { describe, expect, it } from 'vitest';

const DOC = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

/** The events docs/api.md §8 lists for a kind: the back-quoted names after its `KIND`, up to the next `；` or `。`. */
function documentedEvents(kind: ReviewKind): string[] {
  const start = DOC.indexOf(`\`${kind}\`：`);
  expect(start, `docs/api.md lists no events for ${kind}`).toBeGreaterThan(-1);
  const end = Math.min(...['；', '。'].map((mark) => DOC.indexOf(mark, start)).filter((at) => at > start));
  const names = [...DOC.slice(start, end).matchAll(/`([a-zA-Z]+)`/g)].map((match) => match[1] as string);
  return names.filter((name) => name !== kind);
}

describe('docs/api.md: caseEvents', () => {
  it('lists every event of every case kind, and no other', () => {
    for (const [kind, workflow] of Object.entries(REVIEW_KIND_WORKFLOWS) as [
      ReviewKind,
      { events: readonly string[] },
    ][]) {
      const expected = [...workflow.events, ...(kind === 'INVITATION' ? CASE_ANNOTATION_EVENTS : [])];
      expect(documentedEvents(kind).sort(), kind).toEqual([...expected].sort());
    }
  });
});
