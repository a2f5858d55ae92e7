import { describe, expect, it } from 'vitest';
import { encodeCursor, encodeKeyset, keysetDecoder, pageArguments } from './paging.ts';

const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe('keyset cursors', () => {
  const decode = keysetDecoder(['text', 'time', 'integer']);

  it('reads back the sort keys it encoded, with their kinds', () => {
    const at = new Date('2026-12-07T03:00:00.000Z');
    expect(decode(encodeKeyset(['44', at, 7]))).toEqual(['44', at, 7]);
  });

  it('refuses what is not a cursor of these keys: not JSON, wrong length, wrong kind, empty or invalid values', () => {
    for (const cursor of [
      '',
      'not base64 !',
      base64url('{"a":1}'),
      base64url('["44","2026-12-07T03:00:00.000Z"]'),
      base64url('["44","2026-12-07T03:00:00.000Z",7,8]'),
      base64url('["44","yesterday",7]'),
      base64url('["","2026-12-07T03:00:00.000Z",7]'),
      base64url('[44,"2026-12-07T03:00:00.000Z",7]'),
      base64url('["44","2026-12-07T03:00:00.000Z","7"]'),
      base64url('["44","2026-12-07T03:00:00.000Z",1.5]'),
      base64url('["44","2026-12-07T03:00:00.000Z",1e300]'),
    ]) {
      expect(decode(cursor), cursor).toBeNull();
    }
  });
});

describe('page arguments', () => {
  it('takes 1–100 rows, 20 by default', () => {
    expect(pageArguments(undefined, null)).toMatchObject({ ok: true, value: { size: 20, cursor: null } });
    expect(pageArguments(100, null)).toMatchObject({ ok: true, value: { size: 100 } });
    for (const first of [0, 101, 1.5, -1]) {
      const result = pageArguments(first, null);
      expect(result.ok ? null : result.error.issues?.[0]?.field).toBe('first');
    }
  });

  it('reads a newest-first cursor by default and the page’s own cursor with its decoder', () => {
    const createdAt = new Date('2026-12-07T03:00:00.000Z');
    expect(pageArguments(5, encodeCursor({ createdAt, id: 'c1' }))).toMatchObject({
      ok: true,
      value: { cursor: { createdAt, id: 'c1' } },
    });
    const decode = keysetDecoder(['text', 'integer']);
    expect(pageArguments(5, encodeKeyset(['44', 3]), decode)).toMatchObject({ ok: true, value: { cursor: ['44', 3] } });
  });

  it('answers a cursor its decoder cannot read as an invalid `after`', () => {
    for (const result of [
      pageArguments(5, 'garbage'),
      pageArguments(5, encodeCursor({ createdAt: new Date(), id: 'x' }), keysetDecoder(['integer'])),
    ]) {
      expect(result.ok ? null : result.error.issues?.[0]).toMatchObject({ field: 'after', code: 'INVALID_FORMAT' });
    }
  });
});
