// docs/api.md names the events of every case kind an integrator receives from caseEvents: the list must be the
// domain's (the state tables), so a new event cannot ship undocumented. Likewise the mutations an API token may call
// (those the schema marks as admitting tokens) are each named in both lists of operations, Chinese and English.
import { readFileSync } from 'node:fs';
import { CASE_ANNOTATION_EVENTS, REVIEW_KIND_WORKFLOWS, type ReviewKind } from '@leqi/domain';
import { describe, expect, it } from 'vitest';
import { ADMITS_API_TOKENS } from '../src/platform/refusal-channels.ts';
import { schema } from '../src/schema.ts';

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

/** The text of a `## ` section of docs/api.md, from its heading to the next one. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/api.md has a section "${heading}"`).toBeGreaterThan(-1);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

describe('docs/api.md: operations a token may call', () => {
  // signOut admits a token only to answer false (it has no session); both lists say so in prose
  const admitting = Object.values(schema.getMutationType()?.getFields() ?? {})
    .filter((field) => field.extensions?.[ADMITS_API_TOKENS] === true && field.name !== 'signOut')
    .map((field) => field.name);

  it('names every mutation that admits API tokens, in Chinese and in English', () => {
    expect(admitting).toContain('createWebhookEndpoint');
    for (const heading of ['2. 令牌可调用的操作', 'Operations a token may call']) {
      const text = section(heading);
      expect(
        admitting.filter((name) => !text.includes(`\`${name}`)),
        heading,
      ).toEqual([]);
    }
  });
});
