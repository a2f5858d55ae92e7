import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  domainError,
  ERROR_CODES,
  FIELD_ISSUE_CODES,
  type FieldIssueCode,
  interpolate,
  issueMessage,
  LOCALES,
  localize,
  messageFor,
} from './errors.ts';

const HAS_PLACEHOLDER = /\{\w+\}/;

describe('error messages', () => {
  it.each([...ERROR_CODES])('%s has zh-CN and en messages without leftover placeholders', (code) => {
    const zh = messageFor({ code }, 'zh-CN');
    const en = messageFor({ code }, 'en');
    expect(zh.length).toBeGreaterThan(0);
    expect(en.length).toBeGreaterThan(0);
    expect(zh).not.toMatch(HAS_PLACEHOLDER);
    expect(en).not.toMatch(HAS_PLACEHOLDER);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toBe(en);
  });

  it('uses the agreed wording', () => {
    expect(messageFor({ code: 'STALE_VERSION' }, 'zh-CN')).toBe('该事项已被他人处理，请刷新后重试');
    expect(messageFor({ code: 'STALE_VERSION' }, 'en')).toBe(
      'This case was changed by someone else; reload and try again',
    );
    expect(messageFor({ code: 'FOUR_EYES' }, 'zh-CN')).toBe('同一事项的相邻两个审批环节不能由同一人办理');
    expect(DEFAULT_LOCALE).toBe('zh-CN');
  });

  it('interpolates params', () => {
    expect(messageFor({ code: 'LIMIT_EXCEEDED', params: { max: 50, actual: 51 } }, 'zh-CN')).toBe(
      '超出数量上限：每次最多 50 条（本次 51 条）',
    );
    expect(messageFor({ code: 'LIMIT_EXCEEDED', params: { max: 250 } }, 'en')).toBe(
      'Too many items: at most 250 per call',
    );
    expect(messageFor({ code: 'INVALID_TRANSITION', params: { status: 'DRAFT', event: 'confirm' } }, 'en')).toBe(
      'This action (confirm) is not possible in the current status (DRAFT)',
    );
    expect(
      messageFor(
        {
          code: 'INVALID_TRANSITION',
          params: { status: 'DRAFT', event: 'confirm', statusZh: '草稿', statusEn: 'Draft' },
        },
        'zh-CN',
      ),
    ).toBe('当前状态（草稿）下不能执行该操作（confirm）');
  });

  it('interpolate reports missing params', () => {
    expect(interpolate('a {x} b', { x: 1 })).toBe('a 1 b');
    expect(interpolate('a {x} b', {})).toBeNull();
  });

  it('says 用户名或密码错误 for failed credentials, not 请先登录', () => {
    const failed = domainError('UNAUTHENTICATED', { reason: 'INVALID_CREDENTIALS' });
    expect(messageFor(failed, 'zh-CN')).toBe('用户名或密码错误');
    expect(messageFor(failed, 'en')).toBe('Wrong username or password');
    expect(messageFor(domainError('UNAUTHENTICATED'), 'zh-CN')).toBe('请先登录');
    expect(messageFor(domainError('UNAUTHENTICATED', { reason: 'SOMETHING_ELSE' }), 'zh-CN')).toBe('请先登录');
  });

  it('builds errors and localises them', () => {
    const error = domainError('VALIDATION_FAILED', undefined, [{ field: 'uscc', code: 'REQUIRED' }]);
    expect(error).toEqual({ code: 'VALIDATION_FAILED', issues: [{ field: 'uscc', code: 'REQUIRED' }] });
    expect(localize(error, 'en').message).toBe(messageFor(error, 'en'));
    expect(localize({ ...error, message: 'custom' }, 'en').message).toBe('custom');
  });
});

describe('field issue messages', () => {
  it.each([...FIELD_ISSUE_CODES])('%s has messages in both locales', (code) => {
    for (const locale of LOCALES) {
      const text = issueMessage({ field: 'f', code }, locale);
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toMatch(HAS_PLACEHOLDER);
    }
  });

  it('explains USCC failures by reason', () => {
    expect(issueMessage({ field: 'uscc', code: 'INVALID_USCC', params: { reason: 'CHECKSUM' } }, 'zh-CN')).toBe(
      '统一社会信用代码校验位不正确',
    );
    expect(issueMessage({ field: 'uscc', code: 'INVALID_USCC', params: { reason: 'LENGTH' } }, 'en')).toBe(
      'Unified social credit code must be 18 characters long',
    );
    expect(issueMessage({ field: 'uscc', code: 'INVALID_USCC', params: { reason: 'CHARSET' } }, 'zh-CN')).toContain(
      'I、O、S、V、Z',
    );
  });

  it('interpolates limits and falls back for unknown codes', () => {
    expect(issueMessage({ field: 'reason', code: 'TOO_LONG', params: { max: 500 } }, 'zh-CN')).toBe(
      '长度不能超过 500 个字符',
    );
    expect(issueMessage({ field: 'n', code: 'OUT_OF_RANGE', params: { min: 1, max: 99999 } }, 'en')).toBe(
      'Must be between 1 and 99999',
    );
    expect(issueMessage({ field: 'n', code: 'OUT_OF_RANGE', params: { max: 99999 } }, 'en')).toBe(
      'Must be at most 99999',
    );
    expect(issueMessage({ field: 'x', code: 'SOMETHING_NEW' as FieldIssueCode }, 'en')).toBe('This field is invalid');
  });
});
