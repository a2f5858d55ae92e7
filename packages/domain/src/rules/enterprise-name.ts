/**
 * Whether a name given by a caller is an enterprise's registered name: compared after NFKC (full-width brackets,
 * letters and digits) with all white space removed, so 广州（测试）有限公司 and 广州(测试) 有限公司 are the same.
 */
export function sameEnterpriseName(given: string, registered: string): boolean {
  const canonical = (value: string) => value.normalize('NFKC').replace(/\s+/gu, '');
  const candidate = canonical(given);
  return candidate.length > 0 && candidate === canonical(registered);
}
