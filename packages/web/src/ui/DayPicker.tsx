import { DatePicker } from 'antd';
import dayjs from 'dayjs';

const DAY = 'YYYY-MM-DD';

/**
 * A calendar day as the server takes it ('YYYY-MM-DD'), picked with antd's DatePicker so it follows the app's
 * language (App.tsx sets antd's and dayjs's locale). Days before `min` cannot be chosen.
 */
export function DayPicker({
  value,
  onChange,
  min,
  testId,
  style,
}: {
  value?: string | null;
  onChange?: (day: string) => void;
  min?: string;
  testId?: string;
  style?: React.CSSProperties;
}) {
  return (
    <span data-testid={testId}>
      <DatePicker
        format={DAY}
        value={value ? dayjs(value, DAY) : null}
        onChange={(date) => onChange?.(date ? date.format(DAY) : '')}
        disabledDate={min ? (date) => date.format(DAY) < min : undefined}
        style={{ width: '100%', ...style }}
      />
    </span>
  );
}
