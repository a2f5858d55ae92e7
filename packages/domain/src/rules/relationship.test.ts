import { describe, expect, it } from 'vitest';
import {
  parseRelationship,
  RELATIONSHIP_INFO,
  RELATIONSHIPS,
  relationshipCode,
  relationshipProofRequired,
} from './relationship.ts';

describe('relationships', () => {
  it('have the official codes and labels', () => {
    expect(RELATIONSHIPS.map((r) => [relationshipCode(r), RELATIONSHIP_INFO[r].zh])).toEqual([
      ['01', '总分公司关系'],
      ['02', '母子公司关系'],
      ['03', '其他控制关系'],
      ['05', '同一监管部门'],
    ]);
  });

  it.each([
    ['01', 'HQ_BRANCH'],
    ['1', 'HQ_BRANCH'],
    ['02', 'PARENT_SUBSIDIARY'],
    ['3', 'OTHER_CONTROL'],
    ['05', 'SAME_REGULATOR'],
    ['5', 'SAME_REGULATOR'],
    ['HQ_BRANCH', 'HQ_BRANCH'],
    ['parent_subsidiary', 'PARENT_SUBSIDIARY'],
    ['其他控制关系', 'OTHER_CONTROL'],
    [' 同一监管部门 ', 'SAME_REGULATOR'],
  ])('parses %s', (input, relationship) => {
    expect(parseRelationship(input)).toEqual({ ok: true, value: relationship });
  });

  it.each(['00', '0', '04', '4', '06', '无关系', '不具有控制关系', 'FRIENDS', '001'])('rejects %s', (input) => {
    expect(parseRelationship(input)).toMatchObject({
      ok: false,
      error: { field: 'relationship', code: 'INVALID_RELATIONSHIP' },
    });
  });

  it('treats blank as required', () => {
    expect(parseRelationship(' ')).toEqual({ ok: false, error: { field: 'relationship', code: 'REQUIRED' } });
  });

  it('needs proof except for the same regulator in a designated sector', () => {
    expect(relationshipProofRequired('SAME_REGULATOR', true)).toBe(false);
    expect(relationshipProofRequired('SAME_REGULATOR', false)).toBe(true);
    expect(relationshipProofRequired('HQ_BRANCH', true)).toBe(true);
  });
});
