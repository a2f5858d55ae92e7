import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeUscc, normalizeUscc, USCC_CHARSET, usccCheckChar, validateUscc } from './uscc.ts';

const VALID = [
  '91350100M000100Y43',
  '91440100628194821M',
  '91440100993518190W',
  '91310000937865797H',
  '91330100555979711M',
  '91330100471049746R',
  '91440100787789328C',
  '913100005432319483',
  '91310000757491186Q',
  '91440100792174218D',
  '91440100096792908X',
];

const charsetChar = fc.constantFrom(...USCC_CHARSET.split(''));
const first17 = fc.array(charsetChar, { minLength: 17, maxLength: 17 }).map((chars) => chars.join(''));

describe('USCC (GB 32100-2015)', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('normalises lower case and spaces', () => {
    expect(normalizeUscc('  9135 0100m000100y43 ')).toBe('91350100M000100Y43');
    expect(validateUscc(' 91350100m000100y43\u3000')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the letter %s', (letter) => {
    const code = `91350100${letter}000100Y43`;
    expect(validateUscc(code)).toEqual({
      ok: false,
      error: { field: 'uscc', code: 'INVALID_USCC', params: { reason: 'CHARSET' } },
    });
  });

  it('rejects other characters', () => {
    expect(validateUscc('91350100M000100Y4-')).toMatchObject({ error: { params: { reason: 'CHARSET' } } });
  });

  it.each(['91350100M000100Y4', '91350100M000100Y433', '1'])('rejects wrong length %s', (code) => {
    expect(validateUscc(code)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_USCC', params: { reason: 'LENGTH' } },
    });
  });

  it('reports an empty code as required and uses the given field', () => {
    expect(validateUscc('   ', 'invitations.2.uscc')).toEqual({
      ok: false,
      error: { field: 'invitations.2.uscc', code: 'REQUIRED' },
    });
  });

  it('rejects a wrong check character', () => {
    expect(validateUscc('91350100M000100Y44')).toMatchObject({ ok: false, error: { params: { reason: 'CHECKSUM' } } });
  });

  it('usccCheckChar refuses bad prefixes and makeUscc throws on them', () => {
    expect(usccCheckChar('91350100M000100Y')).toBeNull();
    expect(usccCheckChar('91350100I000100Y4')).toBeNull();
    expect(() => makeUscc('123')).toThrow(RangeError);
    expect(makeUscc('91350100m000100y4')).toBe('91350100M000100Y43');
  });

  it('property: every code built by makeUscc validates', () => {
    fc.assert(
      fc.property(first17, (prefix) => {
        const code = makeUscc(prefix);
        expect(code).toHaveLength(18);
        expect(validateUscc(code)).toEqual({ ok: true, value: code });
        expect(validateUscc(code.toLowerCase())).toEqual({ ok: true, value: code });
      }),
    );
  });

  it('property: any single-character substitution of a valid code fails the checksum', () => {
    const validCode = fc.oneof(fc.constantFrom(...VALID), first17.map(makeUscc));
    fc.assert(
      fc.property(validCode, fc.nat({ max: 17 }), charsetChar, (code, position, replacement) => {
        fc.pre(code[position] !== replacement);
        const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(validateUscc(mutated)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_USCC', params: { reason: 'CHECKSUM' } },
        });
      }),
    );
  });
});
