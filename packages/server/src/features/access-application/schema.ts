import {
  ACCESS_TYPE,
  ACCESS_TYPE_LABEL,
  type AccessType,
  type EligibilityReport,
  issueMessage,
  messageFor,
  RELATIONSHIPS,
  redactLegacyReport,
} from '@leqi/domain';
import { GraphQLError } from 'graphql';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import {
  BaseErrorRef,
  StaleVersionErrorRef,
  toPayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ViewerRef } from '../auth/schema.ts';
import { BUREAU_DECISION_DESCRIPTIONS, type BureauEvent } from '../cases/bureau-case.ts';
import {
  CaseDecisionWithReasonInput,
  CaseVersionInput,
  casePayload,
  defineDecisionMutations,
} from '../cases/decision-mutations.ts';
import { caseNode, loadCase } from '../cases/review-case.ts';
import { EligibilityReportRef, NotEligibleErrorRef, toEligibilityPayloadError } from '../eligibility/schema.ts';
import { MaterialKindEnum, MaterialRef } from '../materials/schema.ts';
import { materialsOf } from '../materials/service.ts';
import { defineEarlierApplications } from '../review-queue/earlier-applications.ts';
import { accessApplicationCase, asCase } from './case.ts';
import { saveDraft } from './draft.ts';
import {
  BASIC_INFO_FIELDS,
  type BasicInfo,
  type FormSection,
  type ListedUseUnit,
  SYSTEM_INFO_FIELDS,
  type SystemInfo,
} from './form.ts';
import { CASE_KIND, listApplications } from './service.ts';
import { checkEligibility, requiredMaterialKinds, submit } from './submission.ts';

export const RelationshipEnum = builder.enumType('Relationship', {
  description: '单位关系: 总分公司关系 01, 母子公司关系 02, 其他控制关系 03, 同一监管部门 05',
  values: RELATIONSHIPS,
});

/** A section of the form: its optional texts as an object type and as the input of the same name. */
function formSection<Field extends string>(name: string, description: string, fields: readonly Field[]) {
  const ref = builder.objectRef<FormSection<Field>>(name).implement({
    description,
    fields: (t) =>
      Object.fromEntries(
        fields.map((field) => [field, t.string({ nullable: true, resolve: (section) => section[field] ?? null })]),
      ),
  });
  const input = builder.inputType(`${name}Input`, {
    fields: (t) => Object.fromEntries(fields.map((field) => [field, t.string({ required: false })])),
  });
  return { ref, input };
}
const { ref: BasicInfoRef, input: BasicInfoInput } = formSection('BasicInfo', '单位基本信息', BASIC_INFO_FIELDS);
const { ref: SystemInfoRef, input: SystemInfoInput } = formSection('SystemInfo', '应用系统信息', SYSTEM_INFO_FIELDS);

const ListedUseUnitRef = builder.objectRef<ListedUseUnit>('ListedUseUnit').implement({
  description: '使用单位信息',
  fields: (t) => ({
    uscc: t.exposeString('uscc'),
    name: t.exposeString('name'),
    relationship: t.field({ type: RelationshipEnum, resolve: (unit) => unit.relationship }),
  }),
});

const AccessTypeEnum = describedEnum('AccessType', {
  description: { zh: '接入类型', en: 'Access type' },
  values: [ACCESS_TYPE] as const,
  label: () => ACCESS_TYPE_LABEL,
});

const AccessApplicationRef = caseNode(accessApplicationCase, '接入申请');
builder.objectFields(AccessApplicationRef, (t) => ({
  accessType: t.field({ type: AccessTypeEnum, resolve: () => ACCESS_TYPE as AccessType }),
  claimsLivelihood: t.exposeBoolean('claimsLivelihood', {
    description: '是否医院、热电、公共交通等民生保障类行业纳税人',
  }),
  unitInfoConfirmed: t.exposeBoolean('unitInfoConfirmed', { description: '我已确认单位信息' }),
  builtByThirdParty: t.exposeBoolean('builtByThirdParty'),
  basicInfo: t.field({ type: BasicInfoRef, resolve: (row) => row.basicInfo as BasicInfo }),
  useUnits: t.field({ type: [ListedUseUnitRef], resolve: (row) => row.useUnits as unknown as ListedUseUnit[] }),
  systemInfo: t.field({ type: SystemInfoRef, resolve: (row) => row.systemInfo as SystemInfo }),
  materials: t.field({
    type: [MaterialRef],
    resolve: (row, _args, context) => materialsOf(context.app.db, CASE_KIND, row.id),
  }),
  requiredMaterialKinds: t.field({ type: [MaterialKindEnum], resolve: (row) => requiredMaterialKinds(row) }),
  eligibilityReport: t.field({
    type: EligibilityReportRef,
    nullable: true,
    description: 'the verification report the application was judged by at submission',
    resolve: (row) => {
      const report = row.eligibilityReport as unknown as EligibilityReport | null;
      return report && redactLegacyReport(report, (row.useUnits as unknown[]).length);
    },
  }),
}));

builder.objectField(ViewerRef, 'accessApplications', (t) =>
  t.field({
    type: [AccessApplicationRef],
    description: "the viewer's enterprise's access applications, newest first",
    resolve: async (viewer, _args, context) =>
      viewer.actor.role === 'ENTERPRISE'
        ? (await listApplications(context.app, viewer.actor.enterpriseId)).map(asCase)
        : [],
  }),
);

builder.queryField('accessApplication', (t) =>
  t.field({
    type: AccessApplicationRef,
    nullable: true,
    args: { id: t.arg.globalID({ required: true }) },
    resolve: (_root, { id }, context) =>
      id.typename === 'AccessApplication' ? loadCase(accessApplicationCase, id.id, context) : null,
  }),
);

const ListedUseUnitInput = builder.inputType('ListedUseUnitInput', {
  description: '使用单位信息: a use unit as listed, with its registered name and the declared relationship',
  fields: (t) => ({ uscc: t.string(), name: t.string(), relationship: t.field({ type: RelationshipEnum }) }),
});

const EligibilityCheckInput = builder.inputType('EligibilityCheckInput', {
  fields: (t) => ({
    claimsLivelihood: t.boolean(),
    useUnits: t.field({
      type: [ListedUseUnitInput],
      required: false,
      description:
        'use units whose figures are to count toward the combined thresholds (at most 200); each counts only if ' +
        'registered under that name, not a direct-connect unit, not bound to another one',
    }),
    useUnitUsccs: t.stringList({
      required: false,
      deprecationReason: 'Use useUnits: a bare USCC has no name or relationship and never counts.',
    }),
  }),
});

builder.queryField('eligibilityCheck', (t) =>
  t.field({
    type: EligibilityReportRef,
    description:
      '核验: the viewer enterprise with the listed use units against its province rule today; the report shows ' +
      'its own figures and only whether the combined figures meet the rule',
    authScopes: { enterprise: true },
    args: { input: t.arg({ type: EligibilityCheckInput }) },
    resolve: async (_root, { input }, context) => {
      const viewer = context.viewer;
      if (!viewer) throw new Error('unreachable: scope checked');
      const result = await checkEligibility(context.app, viewer, input);
      if (!result.ok) {
        throw new GraphQLError(messageFor(result.error, context.locale), {
          extensions: {
            code: result.error.code,
            issues: result.error.issues?.map((issue) => ({
              field: issue.field,
              code: issue.code,
              message: issueMessage(issue, context.locale),
            })),
          },
        });
      }
      return result.value;
    },
  }),
);

const applicationPayload = casePayload(
  'AccessApplication',
  AccessApplicationRef,
  asCase,
  [BaseErrorRef, ValidationErrorRef, NotEligibleErrorRef, StaleVersionErrorRef],
  (error, context) => toEligibilityPayloadError(error, context.locale) ?? toPayloadError(error, context.locale),
);

const SaveDraftInput = builder.inputType('SaveAccessApplicationDraftInput', {
  fields: (t) => ({
    id: t.globalID({ required: false, description: 'omit to start a new draft, prefilled from the last application' }),
    expectedVersion: t.int({ required: false, description: 'required with id' }),
    claimsLivelihood: t.boolean(),
    unitInfoConfirmed: t.boolean(),
    builtByThirdParty: t.boolean({ required: false }),
    basicInfo: t.field({ type: BasicInfoInput, required: false }),
    useUnits: t.field({ type: [ListedUseUnitInput], required: false }),
    systemInfo: t.field({ type: SystemInfoInput, required: false }),
    materialIds: t.globalIDList({
      required: false,
      description: 'the full set of materials attached to the application',
    }),
  }),
});

// the invitation's schema still takes the decision inputs from here
export { CaseDecisionWithReasonInput, CaseVersionInput };

builder.mutationField('saveAccessApplicationDraft', (t) =>
  t.field({
    type: applicationPayload.payload,
    description: '保存草稿',
    args: { input: t.arg({ type: SaveDraftInput }) },
    resolve: async (_root, { input }, context) => {
      if (!isSignedIn(context)) return unauthenticated.inPayload(context);
      const result = await saveDraft(context.app, context.viewer, {
        ...input,
        id: input.id?.id ?? null,
        materialIds: input.materialIds?.map((material) => material.id) ?? null,
      });
      return applicationPayload.toPayload(result, context);
    },
  }),
);

builder.mutationField('submitAccessApplication', (t) =>
  t.field({
    type: applicationPayload.payload,
    description: '提交: verification, completeness and required materials are enforced',
    args: { input: t.arg({ type: CaseVersionInput }) },
    resolve: async (_root, { input }, context) => {
      if (!isSignedIn(context)) return unauthenticated.inPayload(context);
      return applicationPayload.toPayload(
        await submit(context.app, context.viewer, input.id.id, input.expectedVersion),
        context,
      );
    },
  }),
);

defineDecisionMutations({
  kind: accessApplicationCase,
  ...applicationPayload,
  describe: (event) => {
    const description = BUREAU_DECISION_DESCRIPTIONS[event as BureauEvent];
    return event === 'confirm' ? `${description}: the enterprise becomes an ACTIVE DCU` : description;
  },
});

defineEarlierApplications(
  AccessApplicationRef,
  'earlier access applications of the same enterprise (drafts excluded), newest first, at most 20',
  async (context, row, take) =>
    (
      await context.app.db.accessApplication.findMany({
        where: { enterpriseId: row.enterpriseId, createdAt: { lt: row.createdAt }, status: { not: 'DRAFT' } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
      })
    ).map(asCase),
);
