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

/** Leaf paths ("useUnits.0.uscc") of the values a form change carried. */
export function changedPaths(changed: unknown, prefix: FieldPath = []): string[] {
  if (changed === null || typeof changed !== 'object') return [prefix.join('.')];
  return Object.entries(changed).flatMap(([key, value]) => changedPaths(value, [...prefix, key]));
}

/**
 * The issues of a refusal still standing: a material issue falls once its kind has a file, a field issue once the
 * field (or a field inside it) is edited. The server judges again on the next submit.
 */
export function standingIssues(
  issues: FieldIssue[],
  { uploadedKinds, editedPaths }: { uploadedKinds: ReadonlySet<string>; editedPaths: ReadonlySet<string> },
  materialKinds: readonly string[],
): FieldIssue[] {
  return issues.filter((issue) => {
    const kind = materialKinds.find((k) => issue.field.includes(k));
    if (kind) return !uploadedKinds.has(kind);
    const path = issuePath(issue.field).join('.');
    return ![...editedPaths].some((edited) => edited === path || edited.startsWith(`${path}.`));
  });
}
