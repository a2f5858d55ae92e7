import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import {
  DELETE_QUEUE_VIEW,
  filterStateOf,
  QUEUE_VIEWS_QUERY,
  type QueueFilterState,
  type QueueView,
  queueVariables,
  type ReviewKind,
  type ReviewStep,
  SAVE_QUEUE_VIEW,
} from './queue-api.ts';

interface Props {
  kind: ReviewKind;
  step: ReviewStep;
  current: QueueFilterState;
  /** applies a view: its filter, and its kind and step when they differ from the current queue */
  onApply: (view: QueueView, state: QueueFilterState) => void;
}

/** 已保存视图: apply, save the current filter under a name, delete the chosen one. */
export function SavedViews({ kind, step, current, onApply }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [{ data }, refetch] = useQuery({ query: QUEUE_VIEWS_QUERY });
  const [, save] = useMutation(SAVE_QUEUE_VIEW);
  const [, remove] = useMutation(DELETE_QUEUE_VIEW);
  const [chosen, setChosen] = useState<string | undefined>();
  const [name, setName] = useState('');
  const views = data?.viewer?.queueViews ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const onSave = async () => {
    const variables = queueVariables(current);
    const result = await save({
      input: { name, kind, step, search: variables.search, filter: variables.filter, orderBy: current.orderBy },
    });
    const payload = result.data?.saveQueueView;
    if (payload?.__typename === 'QueueViewSuccess') {
      message.success(t('viewSaved'));
      setName('');
      setChosen(payload.queueView.id);
      reload();
    } else {
      message.error(payload?.message ?? result.error?.message ?? t('loadFailed'));
    }
  };

  const onDelete = async () => {
    if (!chosen) return;
    const result = await remove({ input: { id: chosen } });
    if (result.data?.deleteQueueView?.__typename === 'QueueViewSuccess') {
      message.success(t('viewDeleted'));
      setChosen(undefined);
      reload();
    } else {
      message.error(result.data?.deleteQueueView?.message ?? result.error?.message ?? t('loadFailed'));
    }
  };

  return (
    <Space wrap data-testid="saved-views">
      <Select
        data-testid="saved-view-select"
        aria-label={t('savedViews')}
        placeholder={t('savedViews')}
        style={{ minWidth: 180 }}
        value={chosen}
        onChange={(id: string) => {
          setChosen(id);
          const view = views.find((v) => v.id === id);
          if (view) onApply(view, filterStateOf(view));
        }}
        options={views.map((view) => ({ value: view.id, label: view.name }))}
      />
      <Button icon={<DeleteOutlined />} disabled={!chosen} onClick={onDelete} data-testid="delete-view">
        {t('deleteView')}
      </Button>
      <Input
        data-testid="view-name"
        aria-label={t('viewName')}
        placeholder={t('viewName')}
        maxLength={40}
        value={name}
        onChange={(e) => setName(e.target.value)}
        style={{ width: 160 }}
      />
      <Button icon={<SaveOutlined />} disabled={!name.trim()} onClick={onSave} data-testid="save-view">
        {t('saveView')}
      </Button>
    </Space>
  );
}
