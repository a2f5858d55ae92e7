import { theme } from 'antd';
import type { ReactNode } from 'react';

/** A plain semantic list (antd's List is deprecated in v6.6 and Listy is virtualised; these lists are short). */
export function ItemList<T>({
  items,
  itemKey,
  renderItem,
  testId,
  style,
}: {
  items: T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  testId?: string;
  style?: React.CSSProperties;
}) {
  return (
    <ul data-testid={testId} style={{ listStyle: 'none', margin: 0, padding: 0, ...style }}>
      {items.map((item) => (
        <li key={itemKey(item)}>{renderItem(item)}</li>
      ))}
    </ul>
  );
}

export function ItemRow({
  avatar,
  title,
  description,
  actions,
  testId,
}: {
  avatar?: ReactNode;
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  const { token } = theme.useToken();
  return (
    <div
      data-testid={testId}
      style={{
        display: 'flex',
        gap: 12,
        alignItems: 'flex-start',
        padding: '10px 0',
        borderBottom: `1px solid ${token.colorSplit}`,
      }}
    >
      {avatar && <div style={{ paddingTop: 2 }}>{avatar}</div>}
      <div style={{ flex: 1, minWidth: 0 }}>
        {title && <div style={{ fontWeight: 500 }}>{title}</div>}
        {description && <div style={{ color: token.colorTextSecondary }}>{description}</div>}
      </div>
      {actions && <div>{actions}</div>}
    </div>
  );
}
