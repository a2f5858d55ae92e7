// 申请表: what the enterprise fills in for an access application, and how it is checked (drafts and submission).
import { type FieldIssue, type ListedUseUnitClaim, type Relationship, validateUscc } from '@leqi/domain';
import type { AccessApplication } from '../../generated/prisma/client.ts';
import { stripControlCharacters } from '../../platform/text.ts';

/** 单位基本信息 and 应用系统信息: sections of optional texts, in the order the form shows them. */
export const BASIC_INFO_FIELDS = [
  'contactName',
  'contactPhone',
  'contactEmail',
  'registeredAddress',
  'businessScope',
] as const;
export const SYSTEM_INFO_FIELDS = [
  'systemName',
  'systemVersion',
  'developerName',
  'networkAddress',
  'deploymentLocation',
  'description',
] as const;
export type FormSection<Field extends string> = { [Key in Field]?: string | null };
export type BasicInfo = FormSection<(typeof BASIC_INFO_FIELDS)[number]>;
export type SystemInfo = FormSection<(typeof SYSTEM_INFO_FIELDS)[number]>;
export interface ListedUseUnit {
  uscc: string;
  name: string;
  relationship: Relationship;
}

export interface DraftInput {
  id?: string | null;
  expectedVersion?: number | null;
  claimsLivelihood: boolean;
  unitInfoConfirmed: boolean;
  builtByThirdParty?: boolean | null;
  basicInfo?: BasicInfo | null;
  useUnits?: ListedUseUnit[] | null;
  systemInfo?: SystemInfo | null;
  materialIds?: string[] | null;
}

export const MAX_TEXT = 200;
export const MAX_DESCRIPTION = 2000;
export const MAX_USE_UNITS = 200;
const PHONE = /^[0-9+\-() ]{6,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function clean(value: string | null | undefined): string | null {
  const trimmed = value == null ? undefined : stripControlCharacters(value).trim();
  return trimmed ? trimmed : null;
}

export function cleanRecord<T extends object>(record: T | null | undefined): Record<string, string | null> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, clean(value as string | null)]));
}

/** Format checks that apply to drafts too; completeness is checked only on submission. */
export function validateDraft(input: DraftInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const texts = { ...cleanRecord(input.basicInfo), ...cleanRecord(input.systemInfo) };
  for (const [field, value] of Object.entries(texts)) {
    const max = field === 'description' || field === 'businessScope' ? MAX_DESCRIPTION : MAX_TEXT;
    if (value && value.length > max) issues.push({ field, code: 'TOO_LONG', params: { max } });
  }
  if (texts.contactPhone && !PHONE.test(texts.contactPhone))
    issues.push({ field: 'contactPhone', code: 'INVALID_FORMAT' });
  if (texts.contactEmail && !EMAIL.test(texts.contactEmail))
    issues.push({ field: 'contactEmail', code: 'INVALID_FORMAT' });
  issues.push(...useUnitIssues(input.useUnits ?? []));
  return issues;
}

/** 使用单位信息 as listed (on a draft or for a verification): at most 200, valid distinct USCCs, a name each. */
export function useUnitIssues(useUnits: readonly ListedUseUnit[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (useUnits.length > MAX_USE_UNITS)
    issues.push({ field: 'useUnits', code: 'OUT_OF_RANGE', params: { max: MAX_USE_UNITS } });
  const seen = new Set<string>();
  useUnits.forEach((unit, index) => {
    const uscc = validateUscc(unit.uscc);
    if (!uscc.ok) issues.push({ ...uscc.error, field: `useUnits.${index}.uscc` });
    else if (seen.has(uscc.value)) issues.push({ field: `useUnits.${index}.uscc`, code: 'DUPLICATE' });
    else seen.add(uscc.value);
    if (!clean(unit.name)) issues.push({ field: `useUnits.${index}.name`, code: 'REQUIRED' });
    else if (unit.name.length > MAX_TEXT)
      issues.push({ field: `useUnits.${index}.name`, code: 'TOO_LONG', params: { max: MAX_TEXT } });
  });
  return issues;
}

const REQUIRED_ON_SUBMIT = ['contactName', 'contactPhone', 'systemName', 'developerName', 'networkAddress'] as const;

export function completenessIssues(application: AccessApplication): FieldIssue[] {
  const values = { ...(application.basicInfo as BasicInfo), ...(application.systemInfo as SystemInfo) } as Record<
    string,
    string | null
  >;
  const issues: FieldIssue[] = REQUIRED_ON_SUBMIT.filter((field) => !values[field]).map((field) => ({
    field,
    code: 'REQUIRED',
  }));
  if (!application.unitInfoConfirmed) issues.push({ field: 'unitInfoConfirmed', code: 'REQUIRED' });
  return issues;
}

/** The listed units as the domain weighs them; a bare USCC has neither name nor relationship. */
export function claimsOf(useUnits: readonly ListedUseUnit[], bareUsccs: readonly string[] = []): ListedUseUnitClaim[] {
  return [
    ...useUnits.map((unit) => ({ uscc: unit.uscc, name: clean(unit.name) ?? '', relationship: unit.relationship })),
    ...bareUsccs.map((uscc) => ({ uscc, name: '', relationship: null })),
  ];
}
