import { describe, expect, it } from 'vitest';
import { INVITATION_ROW_FAILURE_CODES, invitationRowFailureMessage } from './invitation-rows.ts';

// What a caller might hand the phrasing by mistake: facts of the invited unit the inviter does not know.
const SECRETS = {
  registeredName: '真实登记名称有限公司',
  dcuName: '另一家直连单位有限公司',
  reasons: '纳税信用等级为 C',
  reasonsZh: '纳税信用等级为 C',
  reasonsEn: 'credit rating C',
  creditRating: 'C',
};

describe('invitation row failures', () => {
  it.each(['NAME_MISMATCH', 'NOT_ELIGIBLE', 'ALREADY_BOUND'] as const)(
    '%s reveals nothing of the invited unit, whatever it is given',
    (code) => {
      for (const locale of ['zh-CN', 'en'] as const) {
        const message = invitationRowFailureMessage(code, SECRETS, locale);
        expect(message.length).toBeGreaterThan(0);
        for (const secret of Object.values(SECRETS)) expect(message).not.toContain(secret);
        expect(message).not.toMatch(/[{}]/);
      }
    },
  );

  it('NOT_ELIGIBLE does not say which condition fails', () => {
    expect(invitationRowFailureMessage('NOT_ELIGIBLE', {}, 'zh-CN')).toBe('该单位暂不符合使用单位条件');
    expect(invitationRowFailureMessage('NOT_ELIGIBLE', {}, 'en')).not.toMatch(/credit|violation|pilot/i);
  });
});

describe('every row failure reads as a sentence', () => {
  it.each(INVITATION_ROW_FAILURE_CODES)('%s without its details shows no placeholder in either language', (code) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const message = invitationRowFailureMessage(code, {}, locale);
      expect(message.length).toBeGreaterThan(0);
      expect(message).not.toMatch(/[{}]/);
    }
  });
});
