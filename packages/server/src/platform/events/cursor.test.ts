// Cursors order the stream by (xid, id) and keep the meaning of those handed out before xids existed (an id).
import { describe, expect, it } from 'vitest';
import { afterCursor, eventCursor, parseCursor } from './cursor.ts';

describe('event cursors', () => {
  it('increase with (xid, id): a later transaction comes after every id of an earlier one', () => {
    const older = eventCursor({ xid: 700n, id: 9_000_000_000_000_000_000n });
    const newer = eventCursor({ xid: 701n, id: 1n });
    expect(newer).toBeGreaterThan(older);
    expect(eventCursor({ xid: 700n, id: 11n })).toBeGreaterThan(eventCursor({ xid: 700n, id: 10n }));
  });

  it('read a cursor handed out before the stream had xids as the same position: after that id, xid 0', () => {
    expect(parseCursor('42')).toBe(42n);
    expect(eventCursor({ xid: 0n, id: 42n })).toBe(42n);
    expect(afterCursor(42n)).toEqual({ xid: { gte: 0n }, OR: [{ xid: { gt: 0n } }, { id: { gt: 42n } }] });
  });

  it('round-trip a cursor of today', () => {
    const cursor = eventCursor({ xid: 5207n, id: 104n });
    expect(parseCursor(cursor.toString())).toBe(cursor);
    expect(afterCursor(cursor)).toEqual({ xid: { gte: 5207n }, OR: [{ xid: { gt: 5207n } }, { id: { gt: 104n } }] });
  });

  it('treat a malformed or impossible cursor as the beginning, and none as "from now on"', () => {
    expect(parseCursor(null)).toBeNull();
    expect(parseCursor('')).toBeNull();
    expect(parseCursor('-1')).toBe(0n);
    expect(parseCursor('1e9')).toBe(0n);
    expect(parseCursor('9'.repeat(39))).toBe(0n);
    expect(parseCursor('9'.repeat(40))).toBe(0n);
    // digits, but an id part past the bigint column: no event has it, and a query on it would fail
    expect(parseCursor('9'.repeat(19))).toBe(0n);
    expect(parseCursor(`${2n ** 63n}`)).toBe(0n);
    expect(parseCursor(`${2n ** 63n - 1n}`)).toBe(2n ** 63n - 1n);
  });
});
