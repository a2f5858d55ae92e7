import type { FieldIssue } from './api.ts';

export type FieldPath = (string | number)[];

// The server names text fields bare ("contactPhone"); the form nests them under their section.
const SECTION_OF: Record<string, 'basicInfo' | 'systemInfo'> = {
  contactName: 'basicInfo',
  contactPhone: 'basicInfo',
  contactEmail: 'basicInfo',
  registeredAddress: 'basicInfo',
  businessScope: 'basicInfo',
  systemName: 'systemInfo',
  systemVersion: 'systemInfo',
  developerName: 'systemInfo',
  networkAddress: 'systemInfo',
  deploymentLocation: 'systemInfo',
  description: 'systemInfo',
};

/** "contactPhone" / "basicInfo.contactPhone" / "useUnits.0.uscc" / "useUnits[0].uscc" → a form name path. */
export function issuePath(field: string): FieldPath {
  const path: FieldPath = field
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const first = path[0];
  const section = typeof first === 'string' && path.length === 1 ? SECTION_OF[first] : undefined;
  return section ? [section, ...path] : path;
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
