import type { FormInstance } from 'antd';

/**
 * Puts each of a refusal's field issues whose field is one of `fields` under that field of the form; true when
 * every issue found its field (then nothing is left to say above the form but the refusal's own message).
 */
export function placeFieldIssues<Values>(
  form: FormInstance<Values>,
  issues: readonly { field: string; message: string }[],
  fields: readonly string[],
): boolean {
  const placed = issues.filter((issue) => fields.includes(issue.field));
  form.setFields(placed.map((issue) => ({ name: issue.field as never, errors: [issue.message] })));
  return placed.length > 0 && placed.length === issues.length;
}
