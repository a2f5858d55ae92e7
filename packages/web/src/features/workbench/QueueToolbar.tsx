import { Space } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { QueueFilters } from './QueueFilters.tsx';
import { EMPTY_FILTER, type QueueFilterState, type ReviewKind, type ReviewStep } from './queue-api.ts';
import { SavedViews } from './SavedViews.tsx';

/** The queue page's address of a kind (access applications are the default kind). */
export function kindQuery(kind: ReviewKind): string {
  return kind === 'ACCESS_APPLICATION' ? '' : `?kind=${kind}`;
}

/** A queue's filter; a saved view of another queue arrives with its filter in the navigation state. */
export function useQueueFilter() {
  const arriving = (useLocation().state as { filter?: QueueFilterState } | null)?.filter;
  return useState<QueueFilterState>(arriving ?? EMPTY_FILTER);
}

/** 筛选栏 and 已保存视图 of every queue: applying a view of another queue goes there with the view's filter. */
export function QueueToolbar({
  kind,
  step,
  filter,
  onChange,
}: {
  kind: ReviewKind;
  step: ReviewStep;
  filter: QueueFilterState;
  onChange: (next: QueueFilterState) => void;
}) {
  const navigate = useNavigate();
  return (
    <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
      <QueueFilters value={filter} onChange={onChange} />
      <SavedViews
        kind={kind}
        step={step}
        current={filter}
        onApply={(view, state) => {
          onChange(state);
          if (view.kind !== kind || view.step !== step) {
            navigate(`/workbench/queue/${view.step}${kindQuery(view.kind)}`, { state: { filter: state } });
          }
        }}
      />
    </Space>
  );
}
