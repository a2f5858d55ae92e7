// The words of a workbook import (导入邀请, 企业登记信息导入): the record's status and the codes a row can end with
// besides the business checks of what it asks for.
import type { Label } from '../actors.ts';

export const IMPORT_STATUSES = ['PROCESSING', 'DONE', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_STATUS_LABELS: Record<ImportStatus, Label> = {
  PROCESSING: { zh: '处理中', en: 'Processing' },
  DONE: { zh: '已完成', en: 'Done' },
  FAILED: {
    zh: '导入中断（服务停止或意外错误），已处理的行已保存',
    en: 'Stopped (server stopped or an unexpected error); rows processed so far are saved',
  },
};

/** What reading one cell can find wrong, whatever the workbook is for. */
export const CELL_FAILURE_CODES = ['TOO_LONG', 'INVALID_CHARACTERS'] as const;
export type CellFailureCode = (typeof CELL_FAILURE_CODES)[number];

/** A row the import never reached because it stopped first; importing the file again completes it. */
export const NOT_PROCESSED = 'NOT_PROCESSED';

export const IMPORT_ROW_CODE_LABELS: Record<CellFailureCode | typeof NOT_PROCESSED, Label> = {
  TOO_LONG: { zh: '单元格内容过长', en: 'A cell is too long' },
  INVALID_CHARACTERS: { zh: '单元格含有无法识别的字符', en: 'A cell contains characters that cannot be read' },
  NOT_PROCESSED: { zh: '导入中断，该行未处理，请重新导入', en: 'The import stopped before this row; import it again' },
};
