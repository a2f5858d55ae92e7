// 企业登记信息导入模板 and its 失败记录: one layout, so a failure report can be fixed and imported again.
import { CREDIT_RATINGS } from '@leqi/domain';
import type { ImportWorkbookSpec, TemplateColumn } from '../../platform/excel/template.ts';

export type RegistryColumn =
  | 'uscc'
  | 'name'
  | 'competentAuthorityCode'
  | 'creditRating'
  | 'inPilot'
  | 'majorViolation'
  | 'livelihoodIndustry'
  | 'priorYearRevenue'
  | 'invoiceCount12m'
  | 'invoiceAmount12m';

export type RegistryCells = Record<RegistryColumn, string>;

export const REGISTRY_SHEET = '企业登记信息';

const column = (key: RegistryColumn, header: string, width: number): TemplateColumn<RegistryColumn> => ({
  key,
  header,
  required: true,
  width,
});

/** The template's columns in its order; the reader finds them by header in any order. */
export const REGISTRY_COLUMNS = [
  column('uscc', '统一社会信用代码', 24),
  column('name', '纳税人名称', 34),
  column('competentAuthorityCode', '主管税务机关代码', 36),
  column('creditRating', '纳税信用等级', 14),
  column('inPilot', '是否纳入数电票试点', 18),
  column('majorViolation', '近三年是否存在重大税收违法行为', 20),
  column('livelihoodIndustry', '是否民生保障类行业', 18),
  column('priorYearRevenue', '上一年度营业收入（元）', 22),
  column('invoiceCount12m', '前12个月开受票量（张）', 22),
  column('invoiceAmount12m', '前12个月开票金额（元）', 22),
];

const YES_NO = ['是', '否'] as const;

const INSTRUCTIONS: [string, string][] = [
  ['列名', '填写要求'],
  [
    '统一社会信用代码',
    '必填。18 位统一社会信用代码；已登记的代码再次导入时更新该企业的信息，不会重复新增。请保持单元格为文本格式。',
  ],
  ['纳税人名称', '必填。与税务登记的名称一致，最多 100 个字符。'],
  ['主管税务机关代码', '必填。从下拉列表选择，或填写 11 位税务机关代码（须已在“税务机关”中维护）。'],
  ['纳税信用等级', `必填。${CREDIT_RATINGS.join('、')} 之一。`],
  ['是否纳入数电票试点 / 近三年是否存在重大税收违法行为 / 是否民生保障类行业', '必填。填“是”或“否”。'],
  ['上一年度营业收入、前12个月开票金额', '必填。单位为元，不小于 0 的数字。'],
  ['前12个月开受票量', '必填。开票量与受票量之和，不小于 0 的整数。'],
  ['', ''],
  ['说明', '每个文件最多 100,000 行；每行单独校验，通过的行即新增或更新，未通过的行可在导入结果中下载失败记录。'],
  ['', '失败记录与本模板列相同，另有“失败原因”列；修改后可直接再次导入（“失败原因”列会被忽略）。'],
  ['', '列的顺序可以调整，但不要修改列名。以 =、+、-、@ 开头的内容按文本处理，不会作为公式计算。'],
];

/** The layout of the template and of its failure reports. */
export function registryWorkbookSpec(
  authorities: { code: string; name: string }[],
): ImportWorkbookSpec<RegistryColumn> {
  const yesNo = { list: 2, strict: true, title: '是 / 否', prompt: '请选择“是”或“否”' };
  return {
    sheetName: REGISTRY_SHEET,
    columns: REGISTRY_COLUMNS,
    textColumns: 2,
    instructions: { keyWidth: 40, lines: INSTRUCTIONS },
    lists: [
      { header: '税务机关（代码 名称）', options: authorities.map((a) => `${a.code} ${a.name}`) },
      { header: '纳税信用等级', options: [...CREDIT_RATINGS] },
      { header: '是否', options: [...YES_NO] },
    ],
    dropDowns: [
      {
        columns: ['C'],
        list: 0,
        strict: false,
        title: '主管税务机关',
        prompt: '请选择主管税务机关，或填写 11 位代码',
      },
      {
        columns: ['D'],
        list: 1,
        strict: true,
        title: '纳税信用等级',
        prompt: `${CREDIT_RATINGS.join('、')} 之一`,
      },
      { columns: ['E', 'F', 'G'], ...yesNo },
    ],
  };
}
