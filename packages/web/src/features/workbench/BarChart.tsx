/** A small hand-written SVG bar chart (no chart library: the initial bundle stays small). */
export interface Bar {
  label: string;
  value: number;
  /** a second, overlaid value drawn in its own colour (e.g. overdue within a queue) */
  highlight?: number;
}

export function BarChart({
  bars,
  testId,
  title,
  color = '#1677ff',
  highlightColor = '#ff4d4f',
  labelEvery = 1,
  width = 640,
}: {
  bars: Bar[];
  testId: string;
  title: string;
  color?: string;
  highlightColor?: string;
  /** show every n-th label (long series such as 30 days) */
  labelEvery?: number;
  /** viewBox width: wide cards get a wider chart so its text keeps its size */
  width?: number;
}) {
  const height = 220;
  const bottom = 40;
  const top = 16;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.7);
  const scale = (value: number) => ((height - bottom - top) * value) / max;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
      data-testid={testId}
      style={{ width: '100%', height: 'auto', maxHeight: 260 }}
    >
      <title>{title}</title>
      <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} stroke="#d9d9d9" />
      {bars.map((bar, index) => {
        const x = index * slot + (slot - barWidth) / 2;
        const h = scale(bar.value);
        const hh = scale(bar.highlight ?? 0);
        return (
          <g key={bar.label} data-testid={`${testId}-bar`} data-label={bar.label} data-value={bar.value}>
            <title>{`${bar.label}: ${bar.value}`}</title>
            <rect x={x} y={height - bottom - h} width={barWidth} height={h} fill={color} rx={2} />
            {hh > 0 && (
              <rect x={x} y={height - bottom - hh} width={barWidth} height={hh} fill={highlightColor} rx={2} />
            )}
            {bar.value > 0 && (
              <text x={x + barWidth / 2} y={height - bottom - h - 4} textAnchor="middle" fontSize={11} fill="#595959">
                {bar.value}
              </text>
            )}
            {index % labelEvery === 0 && (
              <text x={x + barWidth / 2} y={height - bottom + 14} textAnchor="middle" fontSize={11} fill="#8c8c8c">
                {bar.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars with their labels on the left: for a few long labels (kind · step). */
export function HorizontalBarChart({
  bars,
  testId,
  title,
  color = '#1677ff',
  highlightColor = '#ff4d4f',
}: {
  bars: Bar[];
  testId: string;
  title: string;
  color?: string;
  highlightColor?: string;
}) {
  const width = 640;
  const labelWidth = 190;
  const row = 26;
  const height = Math.max(row, bars.length * row) + 8;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const scale = (value: number) => ((width - labelWidth - 40) * value) / max;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title}
      data-testid={testId}
      style={{ width: '100%', height: 'auto' }}
    >
      <title>{title}</title>
      {bars.map((bar, index) => {
        const y = index * row + 4;
        return (
          <g key={bar.label} data-testid={`${testId}-bar`} data-label={bar.label} data-value={bar.value}>
            <title>{`${bar.label}: ${bar.value}`}</title>
            <text x={labelWidth - 8} y={y + row / 2 + 3} textAnchor="end" fontSize={12} fill="#595959">
              {bar.label}
            </text>
            <rect x={labelWidth} y={y + 3} width={scale(bar.value)} height={row - 8} fill={color} rx={2} />
            {(bar.highlight ?? 0) > 0 && (
              <rect
                x={labelWidth}
                y={y + 3}
                width={scale(bar.highlight ?? 0)}
                height={row - 8}
                fill={highlightColor}
                rx={2}
              />
            )}
            <text x={labelWidth + scale(bar.value) + 6} y={y + row / 2 + 3} fontSize={12} fill="#262626">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
