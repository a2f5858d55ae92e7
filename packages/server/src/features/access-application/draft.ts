// 保存草稿: the enterprise's own draft of its access application.
import {
  type DomainError,
  domainError,
  err,
  IN_FLIGHT_ACCESS_STATUSES,
  normalizeUscc,
  ok,
  provinceCodeOf,
  type Result,
} from '@leqi/domain';
import type { AccessApplication } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import type { PreparedStatement } from '../../platform/db/driver.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { NEXT_VERSION, staleVersionError } from '../../platform/db/versioned-write.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { lockEnterprise } from '../enterprise/dcu.ts';
import { attachMaterials } from '../materials/service.ts';
import { clean, cleanRecord, type DraftInput, validateDraft } from './form.ts';
import { CASE_KIND, enterpriseOf, visibility } from './service.ts';

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
  const fields = draftFields(input);
  if (input.id) return updateDraft(app, enterpriseId, input.id, input.expectedVersion ?? 0, fields, input.materialIds);
  return createDraft(app, viewer, enterpriseId, fields, input.materialIds);
}

/** The enterprise's new draft, prefilled from its last unsuccessful application (its materials too, unless given). */
function createDraft(
  app: AppServices,
  viewer: Viewer,
  enterpriseId: string,
  fields: DraftFields,
  materialIds: string[] | null | undefined,
): Promise<Result<AccessApplication>> {
  return inTransaction(app, async (tx, emit) => {
    const company = await lockEnterprise(tx, enterpriseId);
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
    const application = await tx.accessApplication.create({
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
    if (previous && materialIds == null) {
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
    if (materialIds) await replaceMaterials(tx, enterpriseId, application.id, materialIds);
    return application;
  });
}

/** The form's fields as stored, cleaned. */
function draftFields(input: DraftInput) {
  return {
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
}

type DraftFields = ReturnType<typeof draftFields>;

/**
 * Saves the enterprise's existing draft: one versioned `UPDATE … WHERE id AND enterprise AND DRAFT AND version
 * RETURNING`, prepared and outside a transaction unless materials are given (then they are replaced in the same
 * transaction, in one more statement). The application row's lock orders it against a submission. Only when nothing
 * was written is the row read, to say why.
 */
async function updateDraft(
  app: AppServices,
  enterpriseId: string,
  id: string,
  expectedVersion: number,
  fields: DraftFields,
  materialIds: string[] | null | undefined,
): Promise<Result<AccessApplication>> {
  if (materialIds) {
    return inTransaction(app, async (tx) => {
      const [saved] = await tx.accessApplication.updateManyAndReturn({
        where: { id, enterpriseId, status: 'DRAFT', version: expectedVersion },
        data: { ...fields, ...NEXT_VERSION },
      });
      if (!saved) throw new Refusal(await whyNotSaved(tx, enterpriseId, id));
      await replaceMaterials(tx, enterpriseId, saved.id, materialIds);
      return saved;
    });
  }
  const [saved] = await app.prepared<AccessApplication>(UPDATE_DRAFT, [
    id,
    enterpriseId,
    expectedVersion,
    fields.claimsLivelihood ?? null,
    fields.unitInfoConfirmed ?? null,
    fields.builtByThirdParty ?? null,
    jsonOrNull(fields.basicInfo),
    jsonOrNull(fields.systemInfo),
    jsonOrNull(fields.useUnits),
  ]);
  return saved ? ok(saved) : err(await whyNotSaved(app.db, enterpriseId, id));
}

/** The same write as `updateManyAndReturn` with the draft's fields; a field given as null keeps its stored value. */
const UPDATE_DRAFT: PreparedStatement = {
  name: 'access-application-update-draft',
  text: `UPDATE "AccessApplication" SET
    "claimsLivelihood" = coalesce($4, "claimsLivelihood"), "unitInfoConfirmed" = coalesce($5, "unitInfoConfirmed"),
    "builtByThirdParty" = coalesce($6, "builtByThirdParty"), "basicInfo" = coalesce($7::jsonb, "basicInfo"),
    "systemInfo" = coalesce($8::jsonb, "systemInfo"), "useUnits" = coalesce($9::jsonb, "useUnits"),
    "version" = "version" + 1, "updatedAt" = now() AT TIME ZONE 'UTC'
  WHERE "id" = $1 AND "enterpriseId" = $2 AND "status" = 'DRAFT' AND "version" = $3
  RETURNING *`,
};

function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Why a draft save wrote nothing, in the order a reader of the row would say it. */
async function whyNotSaved(db: Db | Tx, enterpriseId: string, id: string): Promise<DomainError> {
  const stored = await db.accessApplication.findUnique({
    where: { id },
    select: { enterpriseId: true, status: true, version: true },
  });
  if (!stored || stored.enterpriseId !== enterpriseId) return domainError('NOT_FOUND');
  if (stored.status !== 'DRAFT')
    return domainError('INVALID_TRANSITION', { status: stored.status, event: 'saveDraft' });
  return staleVersionError(stored.version);
}

/** The draft's materials become the given ones (the enterprise's own). */
async function replaceMaterials(tx: Tx, enterpriseId: string, applicationId: string, materialIds: string[]) {
  const attached = await attachMaterials(tx, CASE_KIND, applicationId, materialIds, { replace: true, enterpriseId });
  if (!attached.ok) throw new Refusal(attached.error);
}

async function materialIdsOf(tx: Tx, applicationId: string): Promise<string[]> {
  const rows = await tx.caseMaterial.findMany({
    where: { caseKind: CASE_KIND, caseId: applicationId },
    select: { materialId: true },
  });
  return rows.map((row) => row.materialId);
}
