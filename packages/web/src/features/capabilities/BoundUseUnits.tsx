import { Alert, Button, Card, Checkbox, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { EmptyState } from '../../ui/PageState.tsx';
import { payloadProblem } from '../../ui/payload.ts';
import { AUTHORISE_CAPABILITIES_MUTATION, type CapabilityBinding } from './api.ts';

type Names = Map<string, string>;

/** 已绑定使用单位 of the viewer's DCU, with their capabilities and 授权能力 (what may be granted: from the server). */
export function BoundUseUnits({
  bindings,
  names,
  onAuthorised,
}: {
  bindings: CapabilityBinding[];
  names: Names;
  onAuthorised: () => void;
}) {
  const { t } = useI18n();
  const [granting, setGranting] = useState<CapabilityBinding | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <Card title={t('boundUseUnits')}>
      {done && (
        <Alert type="success" showIcon closable style={{ marginBottom: 12 }} data-testid="authorised" title={done} />
      )}
      <Table<CapabilityBinding>
        data-testid="bound-use-units"
        rowKey="id"
        size="middle"
        dataSource={bindings}
        pagination={false}
        locale={{ emptyText: <EmptyState description={t('noBoundUseUnits')} /> }}
        onRow={(b) => ({ 'data-testid': `bound-use-unit-${b.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('authorisationHolder'),
            key: 'useUnit',
            render: (_, b) => (
              <span>
                {b.useUnit.name}
                <br />
                <Typography.Text type="secondary">{b.useUnit.uscc}</Typography.Text>
              </span>
            ),
          },
          {
            title: t('authorisedCapabilities'),
            key: 'held',
            render: (_, b) => (
              <Space wrap size={4}>
                {b.authorisations
                  .filter((a) => a.status === 'ACTIVE')
                  .map((a) => (
                    <Tag key={a.id} color="green">
                      {a.capabilityName}（{a.capabilityCode}）
                    </Tag>
                  ))}
              </Space>
            ),
          },
          {
            title: t('operation'),
            key: 'actions',
            render: (_, b) => (
              <Button
                data-testid={`authorise-${b.id}`}
                disabled={b.authorisableCapabilityCodes.length === 0}
                title={b.authorisableCapabilityCodes.length === 0 ? t('nothingToAuthorise') : undefined}
                onClick={() => {
                  setDone(null);
                  setGranting(b);
                }}
              >
                {t('authoriseCapabilities')}
              </Button>
            ),
          },
        ]}
      />
      {granting && (
        <AuthoriseDialog
          binding={granting}
          names={names}
          onClose={() => setGranting(null)}
          onAuthorised={(codes) => {
            setDone(t('capabilitiesAuthorised', { name: granting.useUnit.name, codes: codes.join('、') }));
            setGranting(null);
            onAuthorised();
          }}
        />
      )}
    </Card>
  );
}

function AuthoriseDialog({
  binding,
  names,
  onClose,
  onAuthorised,
}: {
  binding: CapabilityBinding;
  names: Names;
  onClose: () => void;
  onAuthorised: (codes: string[]) => void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, authorise] = useMutation(AUTHORISE_CAPABILITIES_MUTATION);
  const submit = async () => {
    if (chosen.length === 0) return setProblem(t('chooseCapabilitiesToAuthorise'));
    setProblem(null);
    const result = await authorise({ input: { bindingId: binding.id, capabilityCodes: chosen } });
    const payload = result.data?.authoriseCapabilities;
    if (payload?.__typename === 'AuthoriseCapabilitiesSuccess') return onAuthorised(chosen);
    setProblem(payloadProblem(payload, result.error?.message ?? t('loadFailed')));
  };
  return (
    <Modal
      open
      title={t('authoriseCapabilitiesTitle', { name: binding.useUnit.name })}
      okText={t('authoriseCapabilities')}
      okButtonProps={{ loading: state.fetching, 'data-testid': 'authorise-submit' }}
      onOk={submit}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('authoriseCapabilitiesHint')}</Typography.Paragraph>
      <Checkbox.Group
        data-testid="authorise-choices"
        value={chosen}
        onChange={(values) => setChosen(values as string[])}
        options={binding.authorisableCapabilityCodes.map((code) => ({
          value: code,
          label: `${names.get(code) ?? code}（${code}）`,
        }))}
      />
      <FormProblem problem={problem} testId="authorise-problem" style={{ marginTop: 12 }} />
    </Modal>
  );
}
