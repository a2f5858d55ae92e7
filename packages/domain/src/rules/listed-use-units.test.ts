import { describe, expect, it } from 'vitest';
import type { EnterpriseFacts } from './eligibility.ts';
import { sameEnterpriseName } from './enterprise-name.ts';
import {
  decideListedUseUnits,
  type ListedUseUnitClaim,
  type RegisteredUseUnit,
  USE_UNIT_EXCLUSIONS,
  type UseUnitExclusion,
} from './listed-use-units.ts';

const APPLICANT = '91440100096792908X';
const OTHER_DCU = '913100005432319483';

const facts = (uscc: string, name: string): EnterpriseFacts => ({
  uscc,
  name,
  inPilot: true,
  creditRating: 'A',
  majorViolation: false,
  priorYearRevenue: 1,
  invoiceCount12m: 1,
  invoiceAmount12m: 1,
  livelihoodIndustry: false,
});

const entry = (uscc: string, name: string, over: Partial<RegisteredUseUnit> = {}): [string, RegisteredUseUnit] => [
  uscc,
  { facts: facts(uscc, name), isDirectUnit: false, boundToUscc: null, ...over },
];

const registry = new Map<string, RegisteredUseUnit>([
  entry('91440100993518190W', '广州云帆物流有限公司'),
  entry('91310000937865797H', '上海云帆贸易（集团）有限公司'),
  entry(OTHER_DCU, '上海申联数据服务有限公司', { isDirectUnit: true }),
  entry('91440100792174218D', '广州申联信息技术有限公司', { boundToUscc: OTHER_DCU }),
  entry('91330100555979711M', '杭州云帆软件有限公司', { boundToUscc: APPLICANT }),
  entry(APPLICANT, '广州白云公交集团有限公司'),
]);

const claim = (uscc: string, name: string, relationship: ListedUseUnitClaim['relationship'] = 'PARENT_SUBSIDIARY') => ({
  uscc,
  name,
  relationship,
});

function decide(...listed: ListedUseUnitClaim[]) {
  return decideListedUseUnits({ applicantUscc: APPLICANT, listed, registry });
}
const exclusionOf = (listed: ListedUseUnitClaim): UseUnitExclusion | null => {
  const [decision] = decide(listed);
  if (!decision) throw new Error('no decision');
  return decision.counted ? null : decision.exclusion;
};

describe('which listed use units count toward the combined thresholds', () => {
  it('counts a registered unit under its registered name with a declared relationship', () => {
    const [decision] = decide(claim('91440100993518190w', ' 广州云帆物流有限公司 '));
    expect(decision).toMatchObject({ uscc: '91440100993518190W', name: '广州云帆物流有限公司', counted: true });
    expect(decision?.counted && decision.facts.name).toBe('广州云帆物流有限公司');
  });

  it('compares names after NFKC with white space removed (full-width brackets are the same name)', () => {
    expect(exclusionOf(claim('91310000937865797H', '上海云帆贸易(集团) 有限公司'))).toBeNull();
    expect(sameEnterpriseName('', '')).toBe(false);
  });

  it('NOT_FOUND: a USCC the registry does not hold (or not a USCC at all)', () => {
    expect(exclusionOf(claim('91440100000000000X', '不存在的公司'))).toBe('NOT_FOUND');
    expect(exclusionOf(claim('not a uscc', '随便'))).toBe('NOT_FOUND');
  });

  it('NAME_MISMATCH: a registered USCC under another name, or without one', () => {
    expect(exclusionOf(claim('91440100993518190W', '随便写的名字'))).toBe('NAME_MISMATCH');
    expect(exclusionOf(claim('91440100993518190W', ''))).toBe('NAME_MISMATCH');
  });

  it('NO_RELATIONSHIP: no relationship declared', () => {
    expect(exclusionOf(claim('91440100993518190W', '广州云帆物流有限公司', null))).toBe('NO_RELATIONSHIP');
  });

  it('IS_DCU: a direct-connect unit is never another applicant’s use unit, even under its right name', () => {
    expect(exclusionOf(claim(OTHER_DCU, '上海申联数据服务有限公司'))).toBe('IS_DCU');
    expect(exclusionOf(claim(OTHER_DCU, '随便写的名字'))).toBe('NAME_MISMATCH');
  });

  it('BOUND_ELSEWHERE: a unit bound to another DCU; one bound to the applicant itself still counts', () => {
    expect(exclusionOf(claim('91440100792174218D', '广州申联信息技术有限公司'))).toBe('BOUND_ELSEWHERE');
    expect(exclusionOf(claim('91330100555979711M', '杭州云帆软件有限公司'))).toBeNull();
  });

  it('SELF and DUPLICATE: the applicant itself, and a USCC listed twice, count nothing', () => {
    expect(exclusionOf(claim(APPLICANT, '广州白云公交集团有限公司'))).toBe('SELF');
    const decisions = decide(
      claim('91440100993518190W', '广州云帆物流有限公司'),
      claim('91440100993518190w', '广州云帆物流有限公司'),
    );
    expect(decisions.map((d) => d.counted)).toEqual([true, false]);
    expect(decisions[1]).toMatchObject({ exclusion: 'DUPLICATE' });
  });

  it('the issue’s attack: another group’s DCU under a made-up name and a unit bound to it count nothing', () => {
    const decisions = decide(claim(OTHER_DCU, '随便写的名字'), claim('91440100792174218D', '广州申联信息技术有限公司'));
    expect(decisions.map((d) => d.counted)).toEqual([false, false]);
  });

  it('decides each listed unit, in order, with one of the known exclusions', () => {
    const decisions = decide(
      claim('91440100993518190W', '广州云帆物流有限公司'),
      claim(OTHER_DCU, '上海申联数据服务有限公司'),
      claim('91440100000000000X', 'x'),
    );
    expect(decisions.map((d) => d.uscc)).toEqual(['91440100993518190W', OTHER_DCU, '91440100000000000X']);
    for (const d of decisions) if (!d.counted) expect(USE_UNIT_EXCLUSIONS).toContain(d.exclusion);
  });
});
