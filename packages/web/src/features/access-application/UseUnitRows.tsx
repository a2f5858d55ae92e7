import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { RELATIONSHIPS } from '@leqi/domain';
import { Button, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { RELATIONSHIP_LABELS } from '../../app/messages.ts';

export function UseUnitRows() {
  const { t, label } = useI18n();
  return (
    <Form.List name="useUnits">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <Typography.Paragraph type="secondary">{t('noUseUnits')}</Typography.Paragraph>}
          {fields.map((field, index) => (
            <Row gutter={12} key={field.key} align="top" data-testid={`use-unit-row-${index}`}>
              <Col xs={24} md={7}>
                <Form.Item label={t('uscc')} name={[field.name, 'uscc']}>
                  <Input data-testid={`use-unit-uscc-${index}`} maxLength={18} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('useUnitName')} name={[field.name, 'name']}>
                  <Input data-testid={`use-unit-name-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={20} md={7}>
                <Form.Item
                  label={t('relationship')}
                  name={[field.name, 'relationship']}
                  rules={[{ required: true, message: t('fieldRequired', { field: t('relationship') }) }]}
                >
                  <Select
                    data-testid={`use-unit-relationship-${index}`}
                    aria-label={`${t('relationship')} ${index + 1}`}
                    options={RELATIONSHIPS.map((r) => ({ value: r, label: label(RELATIONSHIP_LABELS, r) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={4} md={2} style={{ paddingTop: 30 }}>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={`${t('removeUseUnit')} ${index + 1}`}
                  data-testid={`use-unit-remove-${index}`}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ uscc: '', name: '', relationship: undefined })}
            data-testid="wizard-add-use-unit"
          >
            {t('addUseUnit')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
