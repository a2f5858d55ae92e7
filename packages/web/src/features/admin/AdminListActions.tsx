import { Button, Input, Space } from 'antd';
import { useAdminText } from './text.ts';

/** The search box and the 新增 button above an admin list. */
export function AdminListActions({
  testIds,
  onSearch,
  onAdd,
  addLabel,
}: {
  testIds: { search: string; add: string };
  onSearch: (term: string) => void;
  onAdd: () => void;
  addLabel?: string;
}) {
  const a = useAdminText();
  return (
    <Space>
      <Input.Search placeholder={a('search')} allowClear onSearch={onSearch} data-testid={testIds.search} />
      <Button type="primary" onClick={onAdd} data-testid={testIds.add}>
        {addLabel ?? a('add')}
      </Button>
    </Space>
  );
}
