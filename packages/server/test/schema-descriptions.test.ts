// Every element of the public contract says what it is, in one form: Chinese first, then English, as two
// paragraphs (issue 18: integrators generate code and docs from the schema, and read both languages).
import { describe, expect, it } from 'vitest';
import { undescribedElements } from '../src/platform/schema-descriptions.ts';
import { schema } from '../src/schema.ts';

describe('schema descriptions', () => {
  it('every type, field, argument, input field and enum value is described in Chinese, then English', () => {
    const problems = undescribedElements(schema);
    expect(problems, `${problems.length} elements lack a bilingual description:\n${problems.join('\n')}`).toEqual([]);
  });

  it('the check itself finds a missing, a one-language and a Chinese-in-English description', async () => {
    const { buildSchema } = await import('graphql');
    const sample = buildSchema(`
      """中文\n\nEnglish"""
      type Query {
        a: Int
        """只有中文"""
        b: Int
        """English only"""
        c(x: Int): Int
        """中文\n\n英文 in English"""
        d: Int
        """中文\n\nFine"""
        e: Int
      }
    `);
    expect(undescribedElements(sample)).toEqual([
      'Query.a: no description',
      'Query.b: not "中文\\n\\nEnglish"',
      'Query.c: not "中文\\n\\nEnglish"',
      'Query.c(x): no description',
      'Query.d: not "中文\\n\\nEnglish"',
    ]);
  });
});
