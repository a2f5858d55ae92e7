import { describe, expect, it } from 'vitest';
import { sameEnterpriseName } from './enterprise-name.ts';

describe('sameEnterpriseName', () => {
  it('ignores white space and full-width forms', () => {
    expect(sameEnterpriseName(' 上海云帆贸易(集团) 有限公司', '上海云帆贸易（集团）有限公司')).toBe(true);
    expect(sameEnterpriseName('ＡＢＣ有限公司', 'ABC有限公司')).toBe(true);
  });

  it('another name, or none, is not the registered one', () => {
    expect(sameEnterpriseName('随便写的名字', '上海申联数据服务有限公司')).toBe(false);
    expect(sameEnterpriseName('', '')).toBe(false);
    expect(sameEnterpriseName('  ', '上海申联数据服务有限公司')).toBe(false);
  });
});
