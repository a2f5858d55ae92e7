import { describe, expect, it } from 'vitest';
import { ChunkReader, UnreadableRows } from './chunk-reader.ts';

const numbers = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

async function* failingAfter(count: number): AsyncGenerator<number> {
  yield* numbers(count);
  throw new Error('damaged');
}

describe('ChunkReader', () => {
  it('gives the rows a chunk at a time and counts what it read', async () => {
    const reader = new ChunkReader(numbers(5), 2);
    expect(await reader.next()).toEqual([1, 2]);
    expect(await reader.next()).toEqual([3, 4]);
    expect(await reader.next()).toEqual([5]);
    expect(await reader.next()).toBeNull();
    expect(reader.read).toBe(5);
  });

  it('counts the chunks handed out as not processed until each is marked processed, oldest first', async () => {
    const reader = new ChunkReader(numbers(7), 2);
    await reader.next(); // 1, 2
    await reader.next(); // 3, 4
    reader.processed(); // 1, 2 done
    await reader.next(); // 5, 6 in flight with 3, 4
    expect(await reader.rest()).toEqual([3, 4, 5, 6, 7]);
    expect(reader.read).toBe(7);
    expect(await reader.rest()).toEqual([]);
  });

  it('gives nothing but the rows still to read when every chunk handed out was processed', async () => {
    const reader = new ChunkReader(numbers(5), 2);
    await reader.next();
    reader.processed();
    await reader.next();
    reader.processed();
    expect(await reader.rest()).toEqual([5]);
    // after the last chunk, the rows handed out and not processed are all there is
    const done = new ChunkReader(numbers(3), 2);
    await done.next();
    await done.next();
    expect(await done.next()).toBeNull();
    done.processed();
    expect(await done.rest()).toEqual([3]);
  });

  it('gives the rows read before a failure, throws it on the next take, and leaves it out of the rest', async () => {
    const reader = new ChunkReader(failingAfter(3), 2);
    expect(await reader.next()).toEqual([1, 2]);
    expect(await reader.next()).toEqual([3]);
    await expect(reader.next()).rejects.toBeInstanceOf(UnreadableRows);
    expect(reader.read).toBe(3);
    reader.processed();
    expect(await reader.rest()).toEqual([3]);
  });

  it('gives the unprocessed rows up to a failure that the rest runs into', async () => {
    const reader = new ChunkReader(failingAfter(5), 2);
    await reader.next(); // 1, 2 not processed
    expect(await reader.rest()).toEqual([1, 2, 3, 4, 5]);
    expect(reader.read).toBe(5);
  });
});
