import { describe, expect, it } from 'vitest';
import { workbookCache } from './workbook-cache.ts';

describe('workbookCache', () => {
  it('builds once per distinct input, again when the input changes', async () => {
    const inputs: string[][] = [];
    const cached = workbookCache(async (names: string[]) => {
      inputs.push(names);
      return Buffer.from(names.join(','));
    });
    const first = await cached(['天河', '海珠']);
    expect(await cached(['天河', '海珠'])).toBe(first);
    const changed = await cached(['天河', '海珠', '浦东']);
    expect(changed.toString()).toBe('天河,海珠,浦东');
    expect(inputs).toHaveLength(2);
  });

  it('alternating inputs (two DCUs, or a signed and the generic link) build each once', async () => {
    let builds = 0;
    const cached = workbookCache(async (codes: string[]) => {
      builds += 1;
      return Buffer.from(codes.join(','));
    }, 2);
    for (let round = 0; round < 5; round += 1) {
      expect((await cached(['202007'])).toString()).toBe('202007');
      expect((await cached(['202007', '203059'])).toString()).toBe('202007,203059');
    }
    expect(builds).toBe(2);
  });

  it('holds at most `entries` workbooks, dropping the least recently used', async () => {
    const built: string[] = [];
    const cached = workbookCache(async (name: string) => {
      built.push(name);
      return Buffer.from(name);
    }, 2);
    await cached('a');
    await cached('b');
    await cached('a'); // a is now the most recently used
    await cached('c'); // drops b
    await cached('a');
    await cached('b');
    expect(built).toEqual(['a', 'b', 'c', 'b']);
  });

  it('shares one build between concurrent requests and forgets a failed build', async () => {
    let builds = 0;
    const cached = workbookCache(async (fail: boolean) => {
      builds += 1;
      if (fail) throw new Error('build failed');
      return Buffer.from('ok');
    });
    const [a, b] = await Promise.all([cached(false), cached(false)]);
    expect(a).toBe(b);
    expect(builds).toBe(1);
    await expect(cached(true)).rejects.toThrow('build failed');
    await expect(cached(true)).rejects.toThrow('build failed');
    expect(builds).toBe(3);
  });
});
