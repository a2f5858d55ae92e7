import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../ui/format.ts';

export interface ShownSecret {
  /** the whsec_… signing secret, as the mutation returned it (the server never shows it again) */
  value: string;
  title: string;
  /** after a rotation: until when the old secret still signs */
  previousValidUntil?: string | null;
}

/**
 * A signing secret shown once, as API 令牌 shows a new token: with a copy button and the warning that it cannot be
 * seen again. A dialog that only 我已保存 closes; render it only while there is a secret, so that closing unmounts it
 * at once (a dialog closed the usual way keeps its content through its closing animation).
 */
export function SecretModal({ secret, onClose }: { secret: ShownSecret; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={secret.title}
      closable={false}
      maskClosable={false}
      keyboard={false}
      width={640}
      footer={
        <Button type="primary" data-testid="secret-close" onClick={onClose}>
          {t('secretSavedClose')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="secret-shown">
        <Alert type="warning" showIcon title={t('secretShownOnce')} />
        <Typography.Paragraph
          copyable={{ text: secret.value, tooltips: [t('copy'), t('copied')] }}
          code
          style={{ margin: 0, wordBreak: 'break-all', fontSize: 15 }}
          data-testid="secret-value"
        >
          {secret.value}
        </Typography.Paragraph>
        {secret.previousValidUntil && (
          <Typography.Text type="secondary" data-testid="secret-previous-until">
            {t('previousSecretUntil', { time: formatDateTime(secret.previousValidUntil) })}
          </Typography.Text>
        )}
      </Space>
    </Modal>
  );
}
