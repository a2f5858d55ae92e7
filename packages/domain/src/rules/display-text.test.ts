import { describe, expect, it } from 'vitest';
import { issueMessage, messageFor } from '../errors.ts';
import { displayNameIssue, hasHiddenCharacters, stripHiddenCharacters } from './display-text.ts';

describe('display text', () => {
  it.each([
    ['right-to-left override', 'invoice\u202Efdp.exe'],
    ['left-to-right isolate', 'a\u2066b'],
    ['zero-width space', 'th.offi\u200Bcer1'],
    ['byte-order mark', '\uFEFF待受理'],
    ['NUL', 'a\u0000b'],
    ['line break', 'a\nb'],
    ['C1 control', 'a\u0085b'],
  ])('finds a %s', (_label, text) => {
    expect(hasHiddenCharacters(text)).toBe(true);
    expect(hasHiddenCharacters(stripHiddenCharacters(text))).toBe(false);
  });

  it('keeps ordinary Chinese and Latin text as it is', () => {
    const text = '天河区 · 待受理（超期）- A/B_1';
    expect(hasHiddenCharacters(text)).toBe(false);
    expect(stripHiddenCharacters(text)).toBe(text);
  });

  it('refuses a name with hidden characters instead of changing it', () => {
    expect(displayNameIssue('name', '我的\u202E视图', 40)).toEqual({ field: 'name', code: 'INVALID_CHARACTERS' });
    expect(displayNameIssue('name', '  ', 40)).toEqual({ field: 'name', code: 'REQUIRED' });
    expect(displayNameIssue('name', '长'.repeat(41), 40)).toMatchObject({ code: 'TOO_LONG' });
    expect(displayNameIssue('name', ' 我的视图 ', 40)).toBeNull();
    expect(issueMessage({ field: 'name', code: 'INVALID_CHARACTERS' }, 'zh-CN')).toContain('不可见字符');
  });

  it('words an over-size upload in MB and a throttled sign-in with its wait, not as a count of items', () => {
    expect(messageFor({ code: 'LIMIT_EXCEEDED', params: { maxMb: 20 } }, 'zh-CN')).toBe(
      '文件过大：单个文件不能超过 20 MB',
    );
    expect(messageFor({ code: 'LIMIT_EXCEEDED', params: { maxMb: 20 } }, 'en')).toBe(
      'File too large: at most 20 MB per file',
    );
    expect(messageFor({ code: 'LIMIT_EXCEEDED', params: { waitZh: '1 分钟', waitEn: '1 minute' } }, 'zh-CN')).toBe(
      '登录尝试过于频繁，请 1 分钟后再试',
    );
    expect(messageFor({ code: 'LIMIT_EXCEEDED', params: { max: 50, actual: 51 } }, 'zh-CN')).toBe(
      '超出数量上限：每次最多 50 条（本次 51 条）',
    );
  });
});
