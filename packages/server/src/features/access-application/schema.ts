import {
  ACCESS_TYPE,
  ACCESS_TYPE_LABEL,
  type AccessType,
  type EligibilityReport,
  issueMessage,
  type Label,
  messageFor,
  RELATIONSHIP_INFO,
  RELATIONSHIPS,
  REVIEW_KIND_LABELS,
  redactLegacyReport,
} from '@leqi/domain';
import { GraphQLError } from 'graphql';
import { builder } from '../../platform/builder.ts';
import { bilingual, describedEnum } from '../../platform/described-enum.ts';
import {
  BaseErrorRef,
  StaleVersionErrorRef,
  toPayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ViewerRef } from '../auth/schema.ts';
import { type BureauEvent, bureauDecisionDescription } from '../cases/bureau-case.ts';
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
  MAX_DESCRIPTION,
  MAX_TEXT,
  MAX_USE_UNITS,
  SYSTEM_INFO_FIELDS,
  type SystemInfo,
} from './form.ts';
import { CASE_KIND, listApplications } from './service.ts';
import { checkEligibility, requiredMaterialKinds, submit } from './submission.ts';

export const RelationshipEnum = describedEnum('Relationship', {
  description: {
    zh: '单位关系：使用单位与直连单位的关系，括号内为官方关系代码（代码表中的 00 无关系、04 不具有控制关系不适用于乐企自用）',
    en: 'Relationship of a use unit to the direct-connect unit (DCU), with the official relationship code (codes 00 no relationship and 04 no control relationship do not apply to self-use)',
  },
  values: RELATIONSHIPS,
  label: (relationship) => {
    const info = RELATIONSHIP_INFO[relationship];
    return { zh: `${info.zh}（代码 ${info.code}）`, en: `${info.en} (code ${info.code})` };
  },
});

/** The form's items: their names on the form, and what is checked of them. */
const FORM_ITEMS: Record<(typeof BASIC_INFO_FIELDS)[number] | (typeof SYSTEM_INFO_FIELDS)[number], Label> = {
  contactName: { zh: '联系人姓名（提交时必填）', en: 'Name of the contact person (required on submission)' },
  contactPhone: {
    zh: '联系电话（提交时必填）：6–20 个字符，仅限数字、空格及 + - ( )',
    en: 'Contact phone number (required on submission): 6–20 characters, digits, spaces and + - ( ) only',
  },
  contactEmail: { zh: '联系邮箱，须为有效的电子邮件地址', en: 'Contact email, a valid email address' },
  registeredAddress: { zh: '注册地址', en: 'Registered address' },
  businessScope: {
    zh: `经营范围，最多 ${MAX_DESCRIPTION} 个字符`,
    en: `Business scope, at most ${MAX_DESCRIPTION} characters`,
  },
  systemName: { zh: '应用系统名称（提交时必填）', en: 'Name of the application system (required on submission)' },
  systemVersion: { zh: '系统版本号', en: 'Version of the system' },
  developerName: {
    zh: '系统开发单位名称（提交时必填）',
    en: 'Name of the organisation that developed the system (required on submission)',
  },
  networkAddress: {
    zh: '乐企服务网络地址（提交时必填）',
    en: 'Network address of the Leqi service (required on submission)',
  },
  deploymentLocation: { zh: '系统部署地点', en: 'Where the system is deployed' },
  description: {
    zh: `系统说明，最多 ${MAX_DESCRIPTION} 个字符`,
    en: `Description of the system, at most ${MAX_DESCRIPTION} characters`,
  },
};

/** A section of the form: its optional texts as an object type and as the input of the same name. */
function formSection<Field extends keyof typeof FORM_ITEMS>(name: string, section: Label, fields: readonly Field[]) {
  const ref = builder.objectRef<FormSection<Field>>(name).implement({
    description: bilingual({
      zh: `${section.zh}（接入申请表的一节）`,
      en: `${section.en} (a section of the access application form)`,
    }),
    fields: (t) =>
      Object.fromEntries(
        fields.map((field) => [
          field,
          t.string({
            nullable: true,
            description: bilingual({
              zh: `${FORM_ITEMS[field].zh}；未填写时为 null`,
              en: `${FORM_ITEMS[field].en}; null when not filled in`,
            }),
            resolve: (section) => section[field] ?? null,
          }),
        ]),
      ),
  });
  const input = builder.inputType(`${name}Input`, {
    description: bilingual({
      zh: `${section.zh}：整节保存，未给出或为空白的项保存为未填写；各项去除首尾空格，除另有说明外最多 ${MAX_TEXT} 个字符`,
      en: `${section.en}: saved as a whole, an item left out or blank is saved as not filled in; items are trimmed and, unless said otherwise, at most ${MAX_TEXT} characters`,
    }),
    fields: (t) =>
      Object.fromEntries(
        fields.map((field) => [field, t.string({ required: false, description: bilingual(FORM_ITEMS[field]) })]),
      ),
  });
  return { ref, input };
}
const { ref: BasicInfoRef, input: BasicInfoInput } = formSection(
  'BasicInfo',
  { zh: '单位基本信息', en: 'Basic information of the enterprise' },
  BASIC_INFO_FIELDS,
);
const { ref: SystemInfoRef, input: SystemInfoInput } = formSection(
  'SystemInfo',
  { zh: '应用系统信息', en: 'Information on the application system' },
  SYSTEM_INFO_FIELDS,
);

const ListedUseUnitRef = builder.objectRef<ListedUseUnit>('ListedUseUnit').implement({
  description:
    '使用单位信息：接入申请中列出的一家使用单位，按申请方填写\n\nA use unit listed in an access application, as the applicant gave it',
  fields: (t) => ({
    uscc: t.exposeString('uscc', {
      description:
        '使用单位的统一社会信用代码（18 位，大写）\n\nUnified social credit code (USCC) of the use unit (18 characters, upper case)',
    }),
    name: t.exposeString('name', { description: '使用单位名称（按填写）\n\nName of the use unit, as listed' }),
    relationship: t.field({
      type: RelationshipEnum,
      description: '使用单位与直连单位的关系\n\nRelationship of the use unit to the direct-connect unit (DCU)',
      resolve: (unit) => unit.relationship,
    }),
  }),
});

const AccessTypeEnum = describedEnum('AccessType', {
  description: { zh: '接入类型', en: 'Access type' },
  values: [ACCESS_TYPE] as const,
  label: () => ACCESS_TYPE_LABEL,
});

const AccessApplicationRef = caseNode(
  accessApplicationCase,
  '接入申请：企业申请以乐企自用方式接入、成为直连单位；经主管税务机关受理、复核，省级税务机关确认\n\n' +
    'Access application: an enterprise applies for self-use access to Leqi as a direct-connect unit (DCU); accepted and reviewed by its competent local tax authority, confirmed by the provincial one',
);
builder.objectFields(AccessApplicationRef, (t) => ({
  accessType: t.field({
    type: AccessTypeEnum,
    description: '接入类型，恒为乐企自用（SELF_USE）\n\nAccess type, always self-use (SELF_USE)',
    resolve: () => ACCESS_TYPE as AccessType,
  }),
  claimsLivelihood: t.exposeBoolean('claimsLivelihood', {
    description:
      '申请方自报是否医院、热电、公共交通等民生保障类行业纳税人；登记信息也为民生行业时适用民生类接入标准\n\n' +
      'Whether the applicant declares itself a taxpayer of a livelihood industry (hospitals, heat and power, public transport …); the livelihood thresholds apply when the registry agrees',
  }),
  unitInfoConfirmed: t.exposeBoolean('unitInfoConfirmed', {
    description:
      '“我已确认单位信息”是否已勾选（提交时必须）\n\nWhether “I have confirmed the enterprise information” is ticked (required on submission)',
  }),
  builtByThirdParty: t.exposeBoolean('builtByThirdParty', {
    description:
      '应用系统是否由关联方或第三方建设；是则须上传授权委托书\n\nWhether a related or third party builds the system; if so a power of attorney must be uploaded',
  }),
  basicInfo: t.field({
    type: BasicInfoRef,
    description: '单位基本信息\n\nBasic information of the enterprise',
    resolve: (row) => row.basicInfo as BasicInfo,
  }),
  useUnits: t.field({
    type: [ListedUseUnitRef],
    description: `使用单位信息：随申请列出的使用单位，按填写顺序，最多 ${MAX_USE_UNITS} 家\n\nThe use units listed with the application, in the order given, at most ${MAX_USE_UNITS}`,
    resolve: (row) => row.useUnits as unknown as ListedUseUnit[],
  }),
  systemInfo: t.field({
    type: SystemInfoRef,
    description: '应用系统信息\n\nInformation on the application system',
    resolve: (row) => row.systemInfo as SystemInfo,
  }),
  materials: t.field({
    type: [MaterialRef],
    description: '已附的接入材料，按附加先后\n\nThe access materials attached, in the order they were attached',
    resolve: (row, _args, context) => materialsOf(context.app.db, CASE_KIND, row.id),
  }),
  requiredMaterialKinds: t.field({
    type: [MaterialKindEnum],
    description:
      '提交前必须附上的材料类别（系统由关联方或第三方建设时含授权委托书）\n\n' +
      'The material kinds that must be attached before submission (with the power of attorney when a related or third party builds the system)',
    resolve: (row) => requiredMaterialKinds(row),
  }),
  eligibilityReport: t.field({
    type: EligibilityReportRef,
    nullable: true,
    description:
      '提交时据以判断的核验结果；尚未提交时为 null\n\nThe verification report the application was judged by at submission; null before submission',
    resolve: (row) => {
      const report = row.eligibilityReport as unknown as EligibilityReport | null;
      return report && redactLegacyReport(report, (row.useUnits as unknown[]).length);
    },
  }),
}));

builder.objectField(ViewerRef, 'accessApplications', (t) =>
  t.field({
    type: [AccessApplicationRef],
    description:
      '当前企业的接入申请（含草稿），最新的在前；非企业用户为空列表\n\n' +
      "The viewer's enterprise's access applications (drafts included), newest first; empty for anyone but an enterprise",
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
    description:
      '按全局 ID 读取一份接入申请；不存在、不是接入申请或无权查看时为 null\n\n' +
      'An access application by its global ID; null when there is none, the ID is of another type, or the viewer may not see it',
    args: {
      id: t.arg.globalID({ required: true, description: '接入申请的全局 ID\n\nGlobal ID of the access application' }),
    },
    resolve: (_root, { id }, context) =>
      id.typename === 'AccessApplication' ? loadCase(accessApplicationCase, id.id, context) : null,
  }),
);

const ListedUseUnitInput = builder.inputType('ListedUseUnitInput', {
  description:
    '使用单位信息：列出的一家使用单位，含其登记名称与申报的关系\n\nA use unit as listed, with its registered name and the declared relationship',
  fields: (t) => ({
    uscc: t.string({
      description:
        '统一社会信用代码：18 位且校验位正确，同一列表中不得重复\n\n' +
        'Unified social credit code (USCC): 18 characters with a valid check character, not repeated in the list',
    }),
    name: t.string({
      description:
        `使用单位的登记名称（与登记不符的不计入合并指标）；必填，最多 ${MAX_TEXT} 个字符\n\n` +
        `Registered name of the use unit (one not matching the registry does not count toward the combined figures); required, at most ${MAX_TEXT} characters`,
    }),
    relationship: t.field({
      type: RelationshipEnum,
      description: '使用单位与直连单位的关系\n\nRelationship of the use unit to the direct-connect unit (DCU)',
    }),
  }),
});

const EligibilityCheckInput = builder.inputType('EligibilityCheckInput', {
  description:
    '核验的条件：是否按民生类行业申请，以及列出的使用单位\n\nWhat to verify: whether the livelihood thresholds are claimed, and the listed use units',
  fields: (t) => ({
    claimsLivelihood: t.boolean({
      description:
        '是否按民生保障类行业纳税人申请（登记信息也为民生行业时适用民生类接入标准）\n\n' +
        'Whether the enterprise applies as a livelihood-industry taxpayer (the livelihood thresholds apply when the registry agrees)',
    }),
    useUnits: t.field({
      type: [ListedUseUnitInput],
      required: false,
      description:
        `其指标计入合并指标的使用单位（最多 ${MAX_USE_UNITS} 家）；仅当按该名称登记、不是直连单位且未绑定其他直连单位时计入\n\n` +
        `Use units whose figures are to count toward the combined thresholds (at most ${MAX_USE_UNITS}); each counts only if ` +
        'registered under that name, not a direct-connect unit, not bound to another one',
    }),
    useUnitUsccs: t.stringList({
      required: false,
      description:
        '已停用：仅有统一社会信用代码的使用单位没有名称与关系，从不计入\n\nDeprecated: a bare USCC has no name or relationship and never counts',
      deprecationReason: 'Use useUnits: a bare USCC has no name or relationship and never counts.',
    }),
  }),
});

builder.queryField('eligibilityCheck', (t) =>
  t.field({
    type: EligibilityReportRef,
    description:
      '核验：按本省当日适用的接入标准核验当前企业及所列使用单位；结果只显示本企业自己的指标，以及合并指标是否达标。输入有误时返回 VALIDATION_FAILED 错误\n\n' +
      'Verification: the viewer enterprise with the listed use units against its province rule today; the report shows ' +
      'its own figures and only whether the combined figures meet the rule. Invalid input is a VALIDATION_FAILED error',
    authScopes: { enterprise: true },
    args: {
      input: t.arg({ type: EligibilityCheckInput, description: '核验的条件\n\nWhat to verify' }),
    },
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
  description:
    '接入申请草稿的内容；可选的项不给出时保留已保存的内容\n\nThe contents of an access application draft; an optional item left out keeps what is saved',
  fields: (t) => ({
    id: t.globalID({
      required: false,
      description:
        '要更新的草稿；不给出时新建草稿，并沿用上一份申请的内容与材料\n\n' +
        'The draft to update; omit to start a new draft, prefilled from the last application (materials included)',
    }),
    expectedVersion: t.int({
      required: false,
      description: '草稿读取时的 version；给出 id 时必填\n\nThe draft’s version as read; required with id',
    }),
    claimsLivelihood: t.boolean({
      description:
        '是否医院、热电、公共交通等民生保障类行业纳税人\n\nWhether the enterprise is a taxpayer of a livelihood industry (hospitals, heat and power, public transport …)',
    }),
    unitInfoConfirmed: t.boolean({
      description:
        '“我已确认单位信息”（提交时须为 true）\n\n“I have confirmed the enterprise information” (must be true to submit)',
    }),
    builtByThirdParty: t.boolean({
      required: false,
      description:
        '应用系统是否由关联方或第三方建设（是则须上传授权委托书）；新建时默认沿用上一份申请，否则为 false\n\n' +
        'Whether a related or third party builds the system (a power of attorney is then required); a new draft takes the last application’s, or false',
    }),
    basicInfo: t.field({
      type: BasicInfoInput,
      required: false,
      description: '单位基本信息（整节替换）\n\nBasic information of the enterprise (replaces the whole section)',
    }),
    useUnits: t.field({
      type: [ListedUseUnitInput],
      required: false,
      description: `使用单位信息（整体替换），最多 ${MAX_USE_UNITS} 家\n\nThe listed use units (replace the whole list), at most ${MAX_USE_UNITS}`,
    }),
    systemInfo: t.field({
      type: SystemInfoInput,
      required: false,
      description: '应用系统信息（整节替换）\n\nInformation on the application system (replaces the whole section)',
    }),
    materialIds: t.globalIDList({
      required: false,
      description:
        '申请所附的全部材料（本企业上传的 Material 的全局 ID），替换已附的材料\n\n' +
        'The full set of materials attached to the application (global IDs of Materials the enterprise uploaded); replaces the attached ones',
    }),
  }),
});

// the invitation's schema still takes the decision inputs from here
export { CaseDecisionWithReasonInput, CaseVersionInput };

builder.mutationField('saveAccessApplicationDraft', (t) =>
  t.field({
    type: applicationPayload.payload,
    description:
      '保存草稿：新建或更新本企业的接入申请草稿，只检查格式（完整性在提交时检查）；已是直连单位或已有在途申请时不能新建\n\n' +
      'Save draft: creates or updates the enterprise’s access application draft, checking formats only (completeness is checked on submission); no new draft while the enterprise is a DCU or has an application in progress',
    args: { input: t.arg({ type: SaveDraftInput, description: '草稿的内容\n\nThe draft’s contents' }) },
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
    description:
      '提交：检查必填项、必需材料并重新核验，通过后进入待受理；核验不通过时返回 NotEligibleError（含核验结果）\n\n' +
      'Submit: required items and materials are checked and the verification is run again; the application then waits for acceptance. A failed verification is a NotEligibleError with the report',
    args: {
      input: t.arg({
        type: CaseVersionInput,
        description: '要提交的草稿及其版本\n\nThe draft to submit and its version',
      }),
    },
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
    const { zh, en } = bureauDecisionDescription(event as BureauEvent, REVIEW_KIND_LABELS.ACCESS_APPLICATION);
    return event === 'confirm'
      ? bilingual({
          zh: `${zh}：企业成为已接入（ACTIVE）的直连单位`,
          en: `${en}: the enterprise becomes an ACTIVE direct-connect unit (DCU)`,
        })
      : bilingual({ zh, en });
  },
});

defineEarlierApplications(
  AccessApplicationRef,
  '同一企业此前的接入申请（不含草稿），最新的在前，最多 20 份\n\n' +
    'Earlier access applications of the same enterprise (drafts excluded), newest first, at most 20',
  async (context, row, take) =>
    (
      await context.app.db.accessApplication.findMany({
        where: { enterpriseId: row.enterpriseId, createdAt: { lt: row.createdAt }, status: { not: 'DRAFT' } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
      })
    ).map(asCase),
);
