import { App as AntApp, Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { type DocumentInput, useMutation } from 'urql';
import type { PayloadError } from './api.ts';
import { outcomeOf } from './form-result.ts';
import { useAdminText } from './text.ts';

/**
 * Saving an admin edit form: the mutation's payload puts field issues on the fields and other refusals in a
 * message; success closes the form, a lost race (STALE_VERSION) closes it too so the list reloads.
 */
export function useAdminSave(
  document: DocumentInput,
  payloadField: string,
  successType: string,
  onClose: (changed: boolean) => void,
): { form: FormInstance; saving: boolean; save: (input: Record<string, unknown>) => Promise<void> } {
  const a = useAdminText();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [state, mutate] = useMutation<Record<string, PayloadError>>(document);
  const save = async (input: Record<string, unknown>) => {
    const result = await mutate({ input });
    const outcome = outcomeOf(result.data?.[payloadField], successType, form, message.error);
    if (outcome === 'SUCCESS') {
      message.success(a('saved'));
      onClose(true);
    } else if (outcome === 'STALE') {
      message.warning(a('staleReload'));
      onClose(true);
    }
  };
  return { form, saving: state.fetching, save };
}

/** The 新增 / 编辑 dialog of an admin list. */
export function AdminEditModal({
  editing,
  saving,
  width,
  onOk,
  onCancel,
  children,
}: {
  editing: boolean;
  saving: boolean;
  width?: number;
  onOk: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const a = useAdminText();
  return (
    <Modal
      open
      width={width}
      title={editing ? a('edit') : a('add')}
      okText={a('save')}
      cancelText={a('cancel')}
      confirmLoading={saving}
      onOk={onOk}
      onCancel={onCancel}
    >
      {children}
    </Modal>
  );
}
