// What a form does with an admin mutation's payload: success, field issues on the fields, other errors shown.
import type { FormInstance } from 'antd';
import { formErrors, type PayloadError } from './api.ts';

export type Outcome = 'SUCCESS' | 'INVALID' | 'STALE' | 'REFUSED';

export function outcomeOf(
  payload: PayloadError | undefined,
  successType: string,
  form: FormInstance | null,
  show: (text: string) => void,
): Outcome {
  if (payload?.__typename === successType) return 'SUCCESS';
  if (payload?.issues?.length) {
    const entries = formErrors(payload);
    const known = new Set(Object.keys(form?.getFieldsValue(true) ?? {}));
    form?.setFields(entries.filter((entry) => known.has(entry.name)) as never);
    const unplaced = entries.filter((entry) => !known.has(entry.name));
    if (unplaced.length > 0 || !form)
      show(payload.issues.map((issue) => `${issue.field}: ${issue.message}`).join('；'));
    return 'INVALID';
  }
  if (payload?.code === 'STALE_VERSION') return 'STALE';
  show(payload?.message ?? 'error');
  return 'REFUSED';
}
