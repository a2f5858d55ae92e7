// 导入邀请模板 and 失败记录: one workbook layout for both, so a failure report can be fixed and imported again.
import { RELATIONSHIP_INFO, RELATIONSHIPS } from '@leqi/domain';
import {
  type ImportWorkbookSpec,
  importWorkbook,
  type ReportRow,
  type TemplateColumn,
} from '../../platform/excel/template.ts';

export type InvitationColumn = 'uscc' | 'name' | 'provinceAuthorityCode' | 'relationship' | 'capabilityCodes';

export const DATA_SHEET = '邀请信息';

/** The template's columns, in its order; the reader finds them by header, in any order. */
export const INVITATION_COLUMNS: TemplateColumn<InvitationColumn>[] = [
  { key: 'uscc', header: '使用单位统一社会信用代码', aliases: ['统一社会信用代码'], required: true, width: 28 },
  { key: 'name', header: '使用单位名称', aliases: ['单位名称'], required: true, width: 34 },
  {
    key: 'provinceAuthorityCode',
    header: '省级税务机关代码',
    aliases: ['省级税务机关'],
    required: true,
    width: 36,
  },
  { key: 'relationship', header: '单位关系', aliases: ['单位关系代码'], required: true, width: 20 },
  { key: 'capabilityCodes', header: '能力预授权', aliases: ['能力编码'], required: false, width: 40 },
];

export interface TemplateLists {
  /** 省级税务机关 */
  authorities: { code: string; name: string }[];
  capabilities: { code: string; name: string }[];
}

export type InvitationCells = Record<InvitationColumn, string>;

const relationshipOptions = () => RELATIONSHIPS.map((r) => `${RELATIONSHIP_INFO[r].code} ${RELATIONSHIP_INFO[r].zh}`);

const instructions = (lists: TemplateLists): [string, string][] => [
  ['列名', '填写要求'],
  [
    '使用单位统一社会信用代码',
    '必填。18 位统一社会信用代码（不含字母 I、O、S、V、Z）；请保持单元格为文本格式，以免被 Excel 转为数字。',
  ],
  ['使用单位名称', '必填。与税务登记的名称完全一致。'],
  ['省级税务机关代码', '必填。从下拉列表选择，或填写 11 位省级税务机关代码，应为使用单位所属省份的税务局。'],
  ['单位关系', `必填。从下拉列表选择，或填写代码：${relationshipOptions().join('、')}。`],
  [
    '能力预授权',
    '选填。填写能力编码，多个能力用逗号（,）或顿号（、）分隔；只能预授权本单位已订阅的能力。下拉列表每次只能选择一项。',
  ],
  ['', ''],
  ['说明', '每个文件最多 100,000 行；每行单独校验，校验通过的行即发出邀请，未通过的行可在导入记录中下载失败记录。'],
  ['', '失败记录与本模板列相同，另有“失败原因”列；修改后可直接再次导入（“失败原因”列会被忽略）。'],
  ['', '列的顺序可以调整，但列名必须保留；不要修改列名。以 =、+、-、@ 开头的内容按文本处理，不会作为公式计算。'],
  ['', '单位关系证明材料在导入页面上传，适用于本文件的全部行。'],
  [
    '',
    `可选的省级税务机关 ${lists.authorities.length} 个，可预授权的能力 ${lists.capabilities.length} 项，见下拉列表。`,
  ],
];

/**
 * The layout of the template and of its failure reports: the data sheet first, with drop-downs for authority,
 * relationship and capabilities, then the instructions and the hidden lists.
 */
export function invitationWorkbookSpec(lists: TemplateLists): ImportWorkbookSpec<InvitationColumn> {
  return {
    sheetName: DATA_SHEET,
    columns: INVITATION_COLUMNS,
    instructions: { keyWidth: 24, lines: instructions(lists), boldHeader: true },
    lists: [
      { header: '省级税务机关（代码 名称）', options: lists.authorities.map((a) => `${a.code} ${a.name}`) },
      { header: '单位关系（代码 名称）', options: relationshipOptions() },
      { header: '能力（编码 名称）', options: lists.capabilities.map((c) => `${c.code} ${c.name}`) },
    ],
    dropDowns: [
      {
        columns: ['C'],
        list: 0,
        strict: false,
        title: '省级税务机关',
        prompt: '请选择使用单位所属省份的省级税务机关，或填写 11 位代码',
      },
      {
        columns: ['D'],
        list: 1,
        strict: true,
        title: '单位关系',
        prompt: '请选择单位关系：01 总分公司关系、02 母子公司关系、03 其他控制关系、05 同一监管部门',
      },
      {
        columns: ['E'],
        list: 2,
        strict: false,
        title: '能力预授权',
        prompt: '选择一项能力，或填写多个能力编码并用逗号、顿号分隔',
      },
    ],
  };
}

/** The template (no rows) or a failure report of a few rows (the web form's), as bytes. */
export function invitationWorkbook(lists: TemplateLists, rows: ReportRow<InvitationColumn>[] | null = null) {
  return importWorkbook(invitationWorkbookSpec(lists), rows);
}
