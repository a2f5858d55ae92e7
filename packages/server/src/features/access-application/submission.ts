// 核验 and 提交: an access application checked against its province's rule and submitted to its bureau.
import {
  type AccessApplicationEvent,
  type AccessApplicationStatus,
  accessApplicationWorkflow,
  domainError,
  type EligibilityReport,
  err,
  type ListedUseUnitClaim,
  type MaterialKind,
  ok,
  type Result,
  requiredAccessMaterials,
} from '@leqi/domain';
import type { AccessApplication } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { bureauCasePerformer } from '../cases/bureau-case.ts';
import { runTransition } from '../cases/transition.ts';
import { evaluateEligibility, notEligible } from '../eligibility/service.ts';
import { requireMaterials } from '../materials/service.ts';
import { clean, completenessIssues, type ListedUseUnit, MAX_USE_UNITS, useUnitIssues } from './form.ts';
import { CASE_KIND, enterpriseOf, visibility } from './service.ts';

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
    performerOf: (row) => bureauCasePerformer(viewer.actor, row),
    write: async (tx, row, rule) => {
      const issues = completenessIssues(row);
      if (issues.length > 0) throw new Refusal(domainError('VALIDATION_FAILED', {}, issues));
      await requireMaterials(tx, CASE_KIND, row.id, requiredMaterialKinds(row));
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
