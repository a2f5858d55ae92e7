// 材料模板 (manual §2.2: 下载后按要求填写): the forms an applicant downloads beside each upload slot, fills in,
// signs, stamps and uploads — one workbook per material kind that has a form. A plain GET, built once per kind.
import { MATERIAL_FORMS, MATERIAL_KIND_LABELS, type MaterialForm, type MaterialKind } from '@leqi/domain';
import type ExcelJS from 'exceljs';
import { builder } from '../../platform/builder.ts';
import { loadExcelJS } from '../../platform/excel/exceljs.ts';
import { setSafeCell, workbookBytes } from '../../platform/excel/write.ts';
import { sendDownload, XLSX_MIME } from '../../platform/http/downloads.ts';
import type { HttpRoute } from '../../platform/http/server.ts';
import { MaterialKindEnum } from '../materials/schema.ts';

/** The kinds that have a form to download, in the order of the manual. */
export const TEMPLATE_KINDS = Object.keys(MATERIAL_FORMS) as MaterialKind[];

export function materialTemplatePath(kind: MaterialKind): string | null {
  return MATERIAL_FORMS[kind] ? `/templates/materials/${kind}.xlsx` : null;
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

async function formWorkbook(kind: MaterialKind, form: MaterialForm): Promise<Buffer> {
  const title = MATERIAL_KIND_LABELS[kind].zh;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = '乐企数字开放平台';
  const sheet = workbook.addWorksheet(title, { pageSetup: { paperSize: 9, orientation: 'portrait' } });
  const width = form.table ? form.table.length : 2;
  const last = String.fromCharCode(64 + width);
  sheet.columns = form.table
    ? form.table.map((_, index) => ({ width: index === 0 ? 8 : 22 }))
    : [{ width: 40 }, { width: 60 }];
  sheet.mergeCells(`A1:${last}1`);
  const heading = setSafeCell(sheet, 'A1', title);
  heading.font = { bold: true, size: 16 };
  heading.alignment = { horizontal: 'center' };
  let row = 3;
  for (const [label, lines = 1] of form.fields) {
    if (width > 2) sheet.mergeCells(`B${row}:${last}${row}`);
    setSafeCell(sheet, `A${row}`, label).font = { bold: true };
    setSafeCell(sheet, `B${row}`, '');
    sheet.getRow(row).height = 24 * lines;
    sheet.getCell(`A${row}`).alignment = { wrapText: true, vertical: 'top' };
    for (const column of ['A', 'B']) sheet.getCell(`${column}${row}`).border = BORDER;
    row += 1;
  }
  if (form.table) {
    row += 1;
    form.table.forEach((header, index) => {
      const cell = setSafeCell(sheet, `${String.fromCharCode(65 + index)}${row}`, header);
      cell.font = { bold: true };
      cell.border = BORDER;
    });
    for (let line = 1; line <= 10; line += 1) {
      form.table.forEach((_, index) => {
        const cell = setSafeCell(
          sheet,
          `${String.fromCharCode(65 + index)}${row + line}`,
          index === 0 ? String(line) : '',
        );
        cell.border = BORDER;
      });
    }
    row += 11;
  }
  row += 1;
  setSafeCell(sheet, `A${row}`, '填写说明').font = { bold: true };
  for (const note of [...form.notes, '填写完成后签字盖章，扫描为 PDF 或图片，在接入申请的“上传材料”中上传。']) {
    row += 1;
    sheet.mergeCells(`A${row}:${last}${row}`);
    setSafeCell(sheet, `A${row}`, note).alignment = { wrapText: true, vertical: 'top' };
  }
  return workbookBytes(workbook);
}

const built = new Map<MaterialKind, Promise<Buffer>>();

/** The workbook of a kind's form, built once per process (the forms are fixed text). */
export function materialTemplate(kind: MaterialKind): Promise<Buffer> | null {
  const form = MATERIAL_FORMS[kind];
  if (!form) return null;
  let bytes = built.get(kind);
  if (!bytes) {
    bytes = formWorkbook(kind, form);
    built.set(kind, bytes);
  }
  return bytes;
}

export const materialTemplateRoutes = (): HttpRoute[] => [
  {
    pattern: /^\/templates\/materials\/([A-Z_]{1,40})\.xlsx$/,
    // public: counted per client address
    limitedAs: () => null,
    handle: async (match, _url, _request, response) => {
      const kind = (match[1] ?? '') as MaterialKind;
      const bytes = TEMPLATE_KINDS.includes(kind) ? materialTemplate(kind) : null;
      if (!bytes) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('没有该材料的模板 (no template for this material)');
        return;
      }
      sendDownload(response, await bytes, `${MATERIAL_KIND_LABELS[kind].zh}.xlsx`, XLSX_MIME);
    },
  },
];

const MaterialTemplateRef = builder.objectRef<{ kind: MaterialKind }>('MaterialTemplate').implement({
  description:
    '材料模板：某类材料的表格，下载后按要求填写、签字盖章并上传\n\nMaterial template: the form of a material kind, to download, fill in, sign, stamp and upload',
  fields: (t) => ({
    kind: t.field({
      type: MaterialKindEnum,
      description: '模板对应的材料类别\n\nThe material kind the form is for',
      resolve: (template) => template.kind,
    }),
    name: t.string({
      description: "表格名称，按当前语言返回\n\nThe form's name, in the viewer's language",
      resolve: (template, _args, context) => MATERIAL_KIND_LABELS[template.kind][context.locale === 'en' ? 'en' : 'zh'],
    }),
    url: t.string({
      description:
        '下载 .xlsx 表格的路径（本服务器上，直接 GET，无需登录）\n\nPath of the .xlsx on this server: a plain GET, no sign-in needed',
      resolve: (template) => materialTemplatePath(template.kind) ?? '',
    }),
  }),
});

builder.queryField('materialTemplates', (t) =>
  t.field({
    type: [MaterialTemplateRef],
    description:
      '有表格的接入材料的模板（接入信息表、协议书、项目报告、授权委托书、网络地址备案表），按操作手册的顺序\n\n' +
      'Templates of the access materials that have a form (access information form, service agreement, project report, power of attorney, network address filing form), in the order of the manual',
    authScopes: { signedIn: true },
    resolve: () => TEMPLATE_KINDS.map((kind) => ({ kind })),
  }),
);
