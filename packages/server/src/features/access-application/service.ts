import {
  type AccessApplicationEvent,
  type AccessApplicationStatus,
  type AnyWorkflow,
  accessApplicationWorkflow,
  accessValidityEnd,
  domainError,
  type EligibilityReport,
  err,
  type FieldIssue,
  IN_FLIGHT_ACCESS_STATUSES,
  type ListedUseUnitClaim,
  type MaterialKind,
  missingMaterials,
  normalizeUscc,
  ok,
  provinceCodeOf,
  type Relationship,
  type Result,
  requiredAccessMaterials,
  type TransitionRule,
  validateUscc,
} from '@leqi/domain';
import type { AccessApplication } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { NEXT_VERSION, writeVersioned } from '../../platform/db/versioned-write.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { bureauCasePerformer, canViewBureauCase, decisionUpdate } from '../cases/bureau-case.ts';
import { runTransition } from '../cases/transition.ts';
import { evaluateEligibility, notEligible } from '../eligibility/service.ts';
import { lockEnterprise, moveDcuStatus } from '../enterprise/dcu.ts';
import { attachMaterials, materialKindsOf } from '../materials/service.ts';
import { newLeqiId } from './leqi-id.ts';

export const CASE_KIND = 'ACCESS_APPLICATION';

export interface BasicInfo {
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  registeredAddress?: string | null;
  businessScope?: string | null;
}
export interface SystemInfo {
  systemName?: string | null;
  systemVersion?: string | null;
  developerName?: string | null;
  networkAddress?: string | null;
  deploymentLocation?: string | null;
  description?: string | null;
}
export interface ListedUseUnit {
  uscc: string;
  name: string;
  relationship: Relationship;
}

interface DraftInput {
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

const MAX_TEXT = 200;
const MAX_DESCRIPTION = 2000;
const MAX_USE_UNITS = 200;
const PHONE = /^[0-9+\-() ]{6,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function clean(value: string | null | undefined): string | null {
  const trimmed = value == null ? undefined : stripControlCharacters(value).trim();
  return trimmed ? trimmed : null;
}

function cleanRecord<T extends object>(record: T | null | undefined): Record<string, string | null> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, clean(value as string | null)]));
}

/** Format checks that apply to drafts too; completeness is checked only on submission. */
function validateDraft(input: DraftInput): FieldIssue[] {
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
function useUnitIssues(useUnits: readonly ListedUseUnit[]): FieldIssue[] {
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

function completenessIssues(application: AccessApplication): FieldIssue[] {
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

/** The caller's part in an application, or why they have none. */
export const performerOf = bureauCasePerformer;
export const canView = canViewBureauCase;

export function visibility(application: AccessApplication) {
  return {
    caseKind: CASE_KIND,
    caseId: application.id,
    enterpriseId: application.enterpriseId,
    authorityCode: application.competentAuthorityCode,
    provinceCode: application.provinceCode,
  };
}

function enterpriseOf(viewer: Viewer): Result<string> {
  return viewer.actor.role === 'ENTERPRISE' ? ok(viewer.actor.enterpriseId) : err(domainError('FORBIDDEN'));
}

export async function listApplications(app: AppServices, enterpriseId: string) {
  return app.db.accessApplication.findMany({
    where: { enterpriseId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}

export async function findApplication(app: AppServices, viewer: Viewer, id: string) {
  const application = await app.db.accessApplication.findUnique({ where: { id } });
  return application && canView(viewer.actor, application) ? application : null;
}

/** 保存草稿: creates the draft (prefilled from the last unsuccessful application) or updates it. */
export async function saveDraft(
  app: AppServices,
  viewer: Viewer,
  input: DraftInput,
): Promise<Result<AccessApplication>> {
  const enterprise = enterpriseOf(viewer);
  if (!enterprise.ok) return enterprise;
  const enterpriseId = enterprise.value;
  const issues = validateDraft(input);
  if (issues.length > 0) return err(domainError('VALIDATION_FAILED', {}, issues));
  if (input.id && input.expectedVersion == null) {
    return err(domainError('VALIDATION_FAILED', {}, [{ field: 'expectedVersion', code: 'REQUIRED' }]));
  }
  const fields = {
    claimsLivelihood: input.claimsLivelihood,
    unitInfoConfirmed: input.unitInfoConfirmed,
    ...(input.builtByThirdParty != null ? { builtByThirdParty: input.builtByThirdParty } : {}),
    ...(input.basicInfo ? { basicInfo: cleanRecord(input.basicInfo) } : {}),
    ...(input.systemInfo ? { systemInfo: cleanRecord(input.systemInfo) } : {}),
    ...(input.useUnits
      ? {
          useUnits: input.useUnits.map((unit) => ({
            uscc: normalizeUscc(unit.uscc),
            name: clean(unit.name),
            relationship: unit.relationship,
          })),
        }
      : {}),
  };
  const expectedVersion = input.expectedVersion ?? 0;
  return inTransaction(app, async (tx, emit) => {
    const company = await lockEnterprise(tx, enterpriseId);
    let application: AccessApplication;
    if (input.id) {
      const existing = await tx.accessApplication.findUnique({ where: { id: input.id } });
      if (!existing || existing.enterpriseId !== enterpriseId) throw new Refusal(domainError('NOT_FOUND'));
      if (existing.status !== 'DRAFT')
        throw new Refusal(domainError('INVALID_TRANSITION', { status: existing.status, event: 'saveDraft' }));
      await writeVersioned({
        expectedVersion,
        write: ({ version }) =>
          tx.accessApplication.updateMany({
            where: { id: existing.id, version },
            data: { ...fields, ...NEXT_VERSION },
          }),
        storedVersion: async () =>
          (await tx.accessApplication.findUniqueOrThrow({ where: { id: existing.id } })).version,
      });
      application = await tx.accessApplication.findUniqueOrThrow({ where: { id: existing.id } });
    } else {
      if (company.dcuStatus === 'ACTIVE' || company.dcuStatus === 'EXITING') {
        throw new Refusal(domainError('ALREADY_IN_FLIGHT', { reason: 'ALREADY_CONNECTED' }));
      }
      const inFlight = await tx.accessApplication.findFirst({
        where: { enterpriseId, status: { in: [...IN_FLIGHT_ACCESS_STATUSES] } },
      });
      if (inFlight) throw new Refusal(domainError('ALREADY_IN_FLIGHT'));
      const previous = await tx.accessApplication.findFirst({
        where: { enterpriseId },
        orderBy: { createdAt: 'desc' },
      });
      application = await tx.accessApplication.create({
        data: {
          enterpriseId,
          status: 'DRAFT',
          competentAuthorityCode: company.competentAuthorityCode,
          provinceCode: provinceCodeOf(company.competentAuthorityCode),
          createdById: viewer.userId,
          previousApplicationId: previous?.id ?? null,
          builtByThirdParty: previous?.builtByThirdParty ?? false,
          basicInfo: (previous?.basicInfo ?? {}) as object,
          systemInfo: (previous?.systemInfo ?? {}) as object,
          useUnits: (previous?.useUnits ?? []) as object,
          ...fields,
        },
      });
      if (previous && input.materialIds == null) {
        await attachMaterials(tx, CASE_KIND, application.id, await materialIdsOf(tx, previous.id));
      }
      emit(
        await appendCaseEvent(tx, {
          ...visibility(application),
          event: 'saveDraft',
          fromStatus: null,
          toStatus: 'DRAFT',
          actorUserId: viewer.userId,
          actorName: viewer.displayName,
          actorRole: viewer.actor.role,
        }),
      );
    }
    if (input.materialIds) {
      const attached = await attachMaterials(tx, CASE_KIND, application.id, input.materialIds, {
        replace: true,
        enterpriseId,
      });
      if (!attached.ok) throw new Refusal(attached.error);
    }
    return application;
  });
}

async function materialIdsOf(tx: Tx, applicationId: string): Promise<string[]> {
  const rows = await tx.caseMaterial.findMany({
    where: { caseKind: CASE_KIND, caseId: applicationId },
    select: { materialId: true },
  });
  return rows.map((row) => row.materialId);
}

export function requiredMaterialKinds(application: Pick<AccessApplication, 'builtByThirdParty'>): MaterialKind[] {
  return requiredAccessMaterials({ builtByThirdParty: application.builtByThirdParty });
}

export interface EligibilityCheckInput {
  claimsLivelihood: boolean;
  useUnits?: readonly ListedUseUnit[] | null;
  /** deprecated: bare USCCs, without a name or relationship, never count */
  useUnitUsccs?: readonly string[] | null;
}

/** The listed units as the domain weighs them; a bare USCC has neither name nor relationship. */
function claimsOf(useUnits: readonly ListedUseUnit[], bareUsccs: readonly string[] = []): ListedUseUnitClaim[] {
  return [
    ...useUnits.map((unit) => ({ uscc: unit.uscc, name: clean(unit.name) ?? '', relationship: unit.relationship })),
    ...bareUsccs.map((uscc) => ({ uscc, name: '', relationship: null })),
  ];
}

/** 核验: the enterprise with the use units it lists, against its province's rule today. */
export async function checkEligibility(
  app: AppServices,
  viewer: Viewer,
  input: EligibilityCheckInput,
): Promise<Result<EligibilityReport>> {
  const enterprise = enterpriseOf(viewer);
  if (!enterprise.ok) return enterprise;
  const useUnits = input.useUnits ?? [];
  const bare = input.useUnitUsccs ?? [];
  const issues = useUnitIssues(useUnits);
  if (useUnits.length + bare.length > MAX_USE_UNITS && !issues.some((issue) => issue.field === 'useUnits'))
    issues.push({ field: 'useUnits', code: 'OUT_OF_RANGE', params: { max: MAX_USE_UNITS } });
  if (issues.length > 0) return err(domainError('VALIDATION_FAILED', {}, issues));
  const claims = claimsOf(useUnits, bare.map(stripControlCharacters));
  return ok(await evaluateEligibility(app.db, enterprise.value, input.claimsLivelihood, claims, new Date()));
}

/** 提交: verification, completeness and required materials are enforced here, whatever the client did. */
export async function submit(app: AppServices, viewer: Viewer, id: string, expectedVersion: number) {
  let report: EligibilityReport | null = null;
  return runTransition<AccessApplicationStatus, AccessApplicationEvent, AccessApplication>(app, viewer, {
    workflow: accessApplicationWorkflow,
    event: 'submit',
    expectedVersion,
    load: (tx) => tx.accessApplication.findUnique({ where: { id } }),
    performerOf: (row) => performerOf(viewer.actor, row),
    write: async (tx, row, rule) => {
      const issues = completenessIssues(row);
      if (issues.length > 0) throw new Refusal(domainError('VALIDATION_FAILED', {}, issues));
      const present = await materialKindsOf(tx, CASE_KIND, row.id);
      const missing = missingMaterials(requiredMaterialKinds(row), present);
      if (missing.length > 0) {
        throw new Refusal(
          domainError(
            'MATERIALS_MISSING',
            { kinds: missing.join(',') },
            missing.map((kind) => ({ field: `materials.${kind}`, code: 'REQUIRED' })),
          ),
        );
      }
      const useUnits = claimsOf(row.useUnits as unknown as ListedUseUnit[]);
      report = await evaluateEligibility(tx, row.enterpriseId, row.claimsLivelihood, useUnits, new Date());
      if (!report.passed) throw new Refusal(notEligible(report));
      const now = new Date();
      const { count } = await tx.accessApplication.updateMany({
        where: { id: row.id, version: row.version },
        data: {
          status: rule.to,
          version: { increment: 1 },
          submittedAt: now,
          stepEnteredAt: now,
          eligibilityReport: report as object,
        },
      });
      return count;
    },
    describe: (row) => visibility(row),
    reload: (tx, rowId) => tx.accessApplication.findUniqueOrThrow({ where: { id: rowId } }),
  });
}

/** A bureau decision's columns (受理 / 不予受理 / 复核通过 / 复核不通过 / 确认通过 / 确认不通过), guarded by version. */
export async function writeApplicationDecision(
  tx: Tx,
  row: AccessApplication,
  rule: TransitionRule<string, string>,
  decider: Viewer,
  reason: string | null | undefined,
): Promise<number> {
  const { count } = await tx.accessApplication.updateMany({
    where: { id: row.id, version: row.version },
    data: decisionUpdate(accessApplicationWorkflow as AnyWorkflow, rule, decider.userId, reason),
  });
  return count;
}

/** 确认通过: the enterprise becomes an ACTIVE DCU with its 乐企ID, for two natural years. */
export async function applicationDecisionEffects(
  tx: Tx,
  row: AccessApplication,
  rule: TransitionRule<string, string>,
): Promise<undefined> {
  if (rule.to !== 'CONFIRMED') return;
  const confirmedAt = new Date();
  const expiresAt = accessValidityEnd(confirmedAt); // self-use access lasts two natural years
  const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } });
  await moveDcuStatus(tx, row.enterpriseId, 'accessConfirmed', {
    leqiId: enterprise.leqiId ?? newLeqiId(enterprise.uscc, confirmedAt),
    dcuConfirmedAt: confirmedAt,
    dcuExpiresAt: expiresAt,
  });
}
