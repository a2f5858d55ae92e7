import { Card, Descriptions, Table, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { RELATIONSHIP_LABELS } from '../../app/messages.ts';
import type { AccessApplication, ListedUseUnit } from './api.ts';

/**
 * The application as the enterprise submitted it, read-only: 单位基本信息, 拟邀请的使用单位 and 应用系统信息.
 * The reviewer's case page and the enterprise's own status page show the same.
 */
export function ApplicationFields({ application: a }: { application: AccessApplication }) {
  const { t, label } = useI18n();
  const e = a.enterprise;
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  const text = (v: string | null | undefined) => v || t('noValue');
  return (
    <Card title={t('applicationInfo')} data-testid="application-fields">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('stepUnitInfo')}>
        <Descriptions.Item label={t('unitName')}>{e.name}</Descriptions.Item>
        <Descriptions.Item label={t('uscc')}>{e.uscc}</Descriptions.Item>
        <Descriptions.Item label={t('competentAuthority')}>{e.competentAuthority.name}</Descriptions.Item>
        {e.creditRating !== null && <Descriptions.Item label={t('creditRating')}>{e.creditRating}</Descriptions.Item>}
        <Descriptions.Item label={t('inPilot')}>{yesNo(e.inPilot)}</Descriptions.Item>
        <Descriptions.Item label={t('accessType')}>{t('accessTypeSelfUse')}</Descriptions.Item>
        <Descriptions.Item label={t('claimsLivelihood')}>{yesNo(a.claimsLivelihood)}</Descriptions.Item>
        <Descriptions.Item label={t('confirmUnitInfo')}>{yesNo(a.unitInfoConfirmed)}</Descriptions.Item>
      </Descriptions>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        title={t('sectionBasicInfo')}
        style={{ marginTop: 16 }}
      >
        <Descriptions.Item label={t('contactName')}>{text(a.basicInfo.contactName)}</Descriptions.Item>
        <Descriptions.Item label={t('contactPhone')}>{text(a.basicInfo.contactPhone)}</Descriptions.Item>
        <Descriptions.Item label={t('contactEmail')}>{text(a.basicInfo.contactEmail)}</Descriptions.Item>
        <Descriptions.Item label={t('registeredAddress')}>{text(a.basicInfo.registeredAddress)}</Descriptions.Item>
        <Descriptions.Item label={t('businessScope')} span={2}>
          {text(a.basicInfo.businessScope)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('sectionUseUnits')}
      </Typography.Title>
      <Table<ListedUseUnit>
        size="small"
        rowKey="uscc"
        pagination={false}
        dataSource={a.useUnits}
        locale={{ emptyText: t('noUseUnits') }}
        columns={[
          { title: t('uscc'), dataIndex: 'uscc' },
          { title: t('useUnitName'), dataIndex: 'name' },
          { title: t('relationship'), dataIndex: 'relationship', render: (r: string) => label(RELATIONSHIP_LABELS, r) },
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        title={t('sectionSystemInfo')}
        style={{ marginTop: 16 }}
      >
        <Descriptions.Item label={t('systemName')}>{text(a.systemInfo.systemName)}</Descriptions.Item>
        <Descriptions.Item label={t('systemVersion')}>{text(a.systemInfo.systemVersion)}</Descriptions.Item>
        <Descriptions.Item label={t('developerName')}>{text(a.systemInfo.developerName)}</Descriptions.Item>
        <Descriptions.Item label={t('networkAddress')}>{text(a.systemInfo.networkAddress)}</Descriptions.Item>
        <Descriptions.Item label={t('deploymentLocation')}>{text(a.systemInfo.deploymentLocation)}</Descriptions.Item>
        <Descriptions.Item label={t('builtByThirdParty')}>{yesNo(a.builtByThirdParty)}</Descriptions.Item>
        <Descriptions.Item label={t('systemDescription')} span={2}>
          {text(a.systemInfo.description)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
