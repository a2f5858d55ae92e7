/** Rows per invitation submission from the web form (manual §3.4.1.1). */
export const INVITE_WEB_MAX_ROWS = 50;
/** Rows per call of the official 使用单位管理能力 upload (SYDWSQ). */
export const INVITE_API_MAX_ROWS = 250;
/** Page size bounds of the status query (CXSYDWJRZT). */
export const STATUS_QUERY_MIN_PAGE_SIZE = 1;
export const STATUS_QUERY_MAX_PAGE_SIZE = 100;
/** Self-use access lasts two natural years from confirmation; remind three months before it ends. */
export const ACCESS_VALIDITY_YEARS = 2;
export const RENEWAL_REMINDER_MONTHS = 3;

export { REASON_MAX_LENGTH } from '../workflows/workflow.ts';
