import type { FieldIssue } from './api.ts';

export type FieldPath = (string | number)[];

/** "useUnits[0].uscc" / "useUnits.0.uscc" / "basicInfo.contactPhone" → a form name path. */
export function issuePath(field: string): FieldPath {
  return field
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Material issues name the kind somewhere in their field ("materials.PROJECT_REPORT"). */
export function materialIssues(issues: FieldIssue[], kinds: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const kind = kinds.find((k) => issue.field.includes(k));
    if (kind) out[kind] = issue.message;
  }
  return out;
}
