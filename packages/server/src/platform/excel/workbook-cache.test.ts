import { describe, expect, it } from 'vitest';
import { lastWorkbookCache } from './workbook-cache.ts';

describe('lastWorkbookCache', () => {
  it('builds once per distinct input, again when the input changes', async () => {
    const inputs: string[][] = [];
    const cached = lastWorkbookCache(async (names: string[]) => {
      inputs.push(names);
      return Buffer.from(names.join(','));
    });
    const first = await cached(['天河', '海珠']);
    expect(await cached(['天河', '海珠'])).toBe(first);
    const changed = await cached(['天河', '海珠', '浦东']);
    expect(changed.toString()).toBe('天河,海珠,浦东');
    expect(inputs).toHaveLength(2);
  });

  it('shares one build between concurrent requests and forgets a failed build', async () => {
    let builds = 0;
    const cached = lastWorkbookCache(async (fail: boolean) => {
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
