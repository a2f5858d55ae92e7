import { describe, expect, it } from 'vitest';
import { onePagePdf } from './sample-pdf.ts';

describe('onePagePdf', () => {
  it('has one page and a cross-reference table whose offsets point at their objects', () => {
    const text = onePagePdf('Sample (demo)').toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text).toContain('/Count 1');
    expect(text).toContain('(Sample \\(demo\\)) Tj');
    const xrefAt = Number(text.match(/startxref\n(\d+)\n%%EOF\n$/)?.[1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, index) => {
      expect(text.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
    });
  });
});
