import { randomInt } from 'node:crypto';

/** 乐企ID: a 20-character platform number — "LQ", the 6 region digits of the USCC, yyMMdd, 6 random digits. */
export function newLeqiId(uscc: string, at: Date): string {
  const region = uscc.slice(2, 8);
  const date = at.toISOString().slice(2, 10).replace(/-/g, '');
  const serial = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return `LQ${region}${date}${serial}`;
}
