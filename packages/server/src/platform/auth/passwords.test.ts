import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_COST, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('stores every product-set password at the product cost, salted', async () => {
    const [first, second] = await Promise.all([hashPassword('Leqi@2026'), hashPassword('Leqi@2026')]);
    expect(PASSWORD_COST).toEqual({ N: 16384, r: 8, p: 1 });
    expect(first.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(first).not.toBe(second);
    expect(await verifyPassword('Leqi@2026', first)).toBe(true);
    expect(await verifyPassword('Leqi@2027', first)).toBe(false);
  });

  it('verifies at the cost stored with the hash, so the cost can be raised without breaking old hashes', async () => {
    const cheaper = await hashPassword('Leqi@2026', { N: 1024, r: 8, p: 1 });
    expect(cheaper.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('Leqi@2026', cheaper)).toBe(true);
    expect(await verifyPassword('leqi@2026', cheaper)).toBe(false);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    for (const stored of ['', 'bcrypt$1$2$3$4$5', 'scrypt$16384$8$1$', 'scrypt$$$$$']) {
      expect(await verifyPassword('Leqi@2026', stored)).toBe(false);
    }
  });
});
