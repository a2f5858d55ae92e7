import { Button, Card, Checkbox, Descriptions, Form, Radio, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { EnterpriseFacts, ListedUseUnit } from './api.ts';
import { UseUnitRows } from './UseUnitRows.tsx';

export interface UnitInfoValues {
  claimsLivelihood: boolean;
  unitInfoConfirmed: boolean;
  /**
   * 使用单位 the applicant means to list: the combined thresholds (直连单位及其使用单位合计) count them, so they are
   * named before verification (they stay editable in the form); rows left blank are ignored.
   */
  useUnits: Partial<ListedUseUnit>[];
}

/** The rows of a step-1 form that name a unit, as the API takes them. */
export function listedUseUnits(rows: Partial<ListedUseUnit>[] | undefined): ListedUseUnit[] {
  return (rows ?? [])
    .filter((u) => u?.uscc?.trim() || u?.name?.trim() || u?.relationship)
    .map((u) => ({
      uscc: (u.uscc ?? '').trim().toUpperCase(),
      name: (u.name ?? '').trim(),
      relationship: u.relationship as ListedUseUnit['relationship'],
    }));
}

/** Step 1 确认单位信息: facts of the enterprise, 接入类型 乐企自用, livelihood question, confirmation tick. */
export function UnitInfoStep({
  enterprise,
  initial,
  verifying,
  onNext,
}: {
  enterprise: EnterpriseFacts;
  initial: UnitInfoValues;
  verifying: boolean;
  onNext: (values: UnitInfoValues) => void;
}) {
  const { t } = useI18n();
  return (
    <Card title={t('stepUnitInfo')}>
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="unit-facts">
        <Descriptions.Item label={t('unitName')}>{enterprise.name}</Descriptions.Item>
        <Descriptions.Item label={t('uscc')}>{enterprise.uscc}</Descriptions.Item>
        <Descriptions.Item label={t('competentAuthority')}>{enterprise.competentAuthority.name}</Descriptions.Item>
        {enterprise.creditRating !== null && (
          <Descriptions.Item label={t('creditRating')}>{enterprise.creditRating}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('inPilot')}>
          <Tag color={enterprise.inPilot ? 'green' : 'red'}>{enterprise.inPilot ? t('yes') : t('no')}</Tag>
        </Descriptions.Item>
      </Descriptions>
      <Form<UnitInfoValues>
        layout="vertical"
        style={{ marginTop: 24, maxWidth: 720 }}
        initialValues={initial}
        onFinish={onNext}
        aria-label={t('stepUnitInfo')}
      >
        <Form.Item label={t('accessType')} required>
          <Radio.Group value="SELF_USE" aria-label={t('accessType')}>
            <Radio value="SELF_USE" data-testid="wizard-access-type-self-use">
              {t('accessTypeSelfUse')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('livelihoodQuestion')} name="claimsLivelihood" required>
          <Radio.Group aria-label={t('livelihoodQuestion')}>
            <Radio value={true} data-testid="wizard-livelihood-yes">
              {t('yes')}
            </Radio>
            <Radio value={false} data-testid="wizard-livelihood-no">
              {t('no')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="unitInfoConfirmed"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('confirmUnitInfoRequired')))),
            },
          ]}
        >
          <Checkbox data-testid="wizard-confirm-unit-info">{t('confirmUnitInfo')}</Checkbox>
        </Form.Item>
        <Card type="inner" title={t('intendedUseUnits')} style={{ marginBottom: 24 }} data-testid="intended-use-units">
          <Typography.Paragraph type="secondary">{t('intendedUseUnitsHint')}</Typography.Paragraph>
          <UseUnitRows />
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={verifying} data-testid="wizard-next">
            {t('next')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
