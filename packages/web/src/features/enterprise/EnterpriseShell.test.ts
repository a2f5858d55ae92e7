import { describe, expect, it } from 'vitest';
import { personOf } from './EnterpriseShell.tsx';

describe('the header names the company once', () => {
  it('drops the company name a display name starts with', () => {
    expect(personOf('广州南粤小商品有限公司 · ny.clerk', '广州南粤小商品有限公司')).toBe('ny.clerk');
    expect(personOf('广州南粤小商品有限公司 法定代表人', '广州南粤小商品有限公司')).toBe('法定代表人');
  });

  it('keeps a display name that is a person, or only the company', () => {
    expect(personOf('云帆 法定代表人', '广州云帆科技集团有限公司')).toBe('云帆 法定代表人');
    expect(personOf('广州南粤小商品有限公司', '广州南粤小商品有限公司')).toBe('广州南粤小商品有限公司');
    expect(personOf(undefined, '广州南粤小商品有限公司')).toBeUndefined();
  });
});
