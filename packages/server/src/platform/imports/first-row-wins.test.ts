import { describe, expect, it } from 'vitest';
import { firstRowWins } from './first-row-wins.ts';

interface Row {
  row: number;
  key: string | null;
  note: string;
}

async function* sheet(keys: (string | null)[]): AsyncGenerator<{ number: number; key: string | null }> {
  for (const [index, key] of keys.entries()) yield { number: index + 2, key };
}

async function collect(rows: AsyncIterable<Row>): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const row of rows) out.push([row.row, row.note]);
  return out;
}

describe('firstRowWins', () => {
  it('gives the first row of a key as it is and every later row of it as its duplicate, of the first row', async () => {
    const rows = firstRowWins(sheet(['a', 'b', 'a', null, 'b', 'a', null]), {
      prepare: ({ number, key }): Row => ({ row: number, key, note: 'ok' }),
      keyOf: (row) => row.key,
      duplicate: (row, firstRow) => ({ ...row, note: `duplicate of ${firstRow}` }),
    });
    expect(await collect(rows)).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [4, 'duplicate of 2'],
      [5, 'ok'], // no key: neither first nor duplicate
      [6, 'duplicate of 3'],
      [7, 'duplicate of 2'],
      [8, 'ok'],
    ]);
  });

  it('lets a duplicate keep its own verdict, and a row without a key never win', async () => {
    // keys given only to valid rows (the registry) or to failed rows too (the invitations keep a failure)
    const rows = firstRowWins(sheet(['x', 'bad:x', 'x', 'bad:y', 'y']), {
      prepare: ({ number, key }): Row => ({ row: number, key, note: key?.startsWith('bad:') ? 'failed' : 'ok' }),
      keyOf: (row) => (row.key?.startsWith('bad:') ? row.key.slice(4) : row.key),
      duplicate: (row, firstRow) => (row.note === 'failed' ? row : { ...row, note: `duplicate of ${firstRow}` }),
    });
    expect(await collect(rows)).toEqual([
      [2, 'ok'],
      [3, 'failed'],
      [4, 'duplicate of 2'],
      [5, 'failed'],
      [6, 'duplicate of 5'],
    ]);
  });
});
