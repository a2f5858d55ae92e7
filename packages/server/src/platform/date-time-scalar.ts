import { dateOutOfRangeIssue, type FieldIssue, issueMessage, isWithinDateRange } from '@leqi/domain';
import { GraphQLError } from 'graphql';

/**
 * Reading a DateTime input: ISO-8601 text within the domain's date range. JavaScript's Date accepts years −271821 to
 * 275760 (and `0` as 2000-01-01); the database refuses most of them, which surfaced as an internal error. Scalars
 * know nothing of the caller's language, so the message carries both, as other request-level refusals do.
 */
export function parseDateTimeInput(value: unknown): Date {
  if (typeof value !== 'string') throw dateTimeError({ field: 'DateTime', code: 'INVALID_FORMAT' });
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw dateTimeError({ field: 'DateTime', code: 'INVALID_FORMAT' });
  if (!isWithinDateRange(date)) throw dateTimeError(dateOutOfRangeIssue('DateTime'));
  return date;
}

function dateTimeError(issue: FieldIssue): GraphQLError {
  const zh = issueMessage(issue, 'zh-CN');
  const en = issueMessage(issue, 'en');
  return new GraphQLError(`日期时间${zh} (DateTime: ${en})`, {
    extensions: { code: 'VALIDATION_FAILED', issues: [{ field: issue.field, code: issue.code, message: zh }] },
  });
}
