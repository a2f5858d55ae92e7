import { describe, expect, it } from 'vitest';
import { phraseNotification } from './phrasing.ts';

const refused = (reason: string | null) => ({
  caseKind: 'ACCESS_APPLICATION',
  event: 'refuse',
  toStatus: 'NOT_ACCEPTED',
  reason,
});

describe('消息通知的措辞', () => {
  it('ends with one full stop whether or not the reason brings its own', () => {
    expect(phraseNotification(refused('材料与登记信息不一致。'), 'zh-CN')).toBe(
      '接入申请不予受理，当前状态：不予受理，原因：材料与登记信息不一致。',
    );
    expect(phraseNotification(refused('材料与登记信息不一致'), 'zh-CN')).toBe(
      '接入申请不予受理，当前状态：不予受理，原因：材料与登记信息不一致。',
    );
    expect(phraseNotification(refused(null), 'zh-CN')).toBe('接入申请不予受理，当前状态：不予受理。');
    expect(phraseNotification(refused('Documents do not match.'), 'en')).toBe(
      'Access application not accepted; status: Not accepted; reason: Documents do not match.',
    );
    expect(phraseNotification(refused('Documents do not match'), 'en')).toBe(
      'Access application not accepted; status: Not accepted; reason: Documents do not match.',
    );
  });
});
