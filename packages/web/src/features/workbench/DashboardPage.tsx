import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n.tsx';
import { LiveIndicator } from '../../ui/LiveIndicator.tsx';
import { LoadError, Loading } from '../../ui/PageState.tsx';
import { useReloadOnCaseEvents } from '../../ui/useLiveRefresh.ts';
import { BarChart, HorizontalBarChart } from './BarChart.tsx';
import { BUREAU_DASHBOARD_QUERY } from './queue-api.ts';
import { KIND_LABELS, queueTabLabel } from './queue-labels.ts';

/** 工作台概览: queue sizes (overdue in red), decisions per day and ages; refreshed by every case event. */
export function DashboardPage() {
  const { t } = useI18n();
  const [{ data, error }, reexecute] = useQuery({
    query: BUREAU_DASHBOARD_QUERY,
    requestPolicy: 'cache-and-network',
  });
  useReloadOnCaseEvents(() => reexecute({ requestPolicy: 'network-only' }));
  if (error && !data) return <LoadError error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const board = data?.bureauDashboard;
  if (!board) return <Loading />;
  const waiting = board.queues.reduce((sum, queue) => sum + queue.count, 0);
  const queueBars = board.queues.map((queue) => ({
    label: `${t(KIND_LABELS[queue.kind])}·${t(queueTabLabel(queue.kind, queue.step))}`,
    value: queue.count,
    highlight: queue.overdueCount,
  }));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="bureau-dashboard">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dashboard')}
        </Typography.Title>
        <Space>
          <Link to="/workbench">{t('workbench')}</Link>
          <LiveIndicator />
        </Space>
      </Space>
      <Row gutter={16}>
        <Col xs={8}>
          <Card>
            <Statistic title={t('waitingTotal')} value={waiting} data-testid="stat-waiting" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card>
            <Statistic
              title={t('dueSoon')}
              value={board.dueSoonCount}
              styles={{ content: { color: '#fa8c16' } }}
              data-testid="stat-due-soon"
            />
          </Card>
        </Col>
        <Col xs={8}>
          <Card>
            <Statistic
              title={t('overdue')}
              value={board.overdueCount}
              styles={{ content: { color: '#cf1322' } }}
              data-testid="stat-overdue"
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('queueSizes')}>
            <HorizontalBarChart bars={queueBars} testId="chart-queues" title={t('queueSizes')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('ageDistribution')}>
            <BarChart
              bars={board.ageBuckets.map((bucket) => ({ label: bucket.label, value: bucket.count }))}
              testId="chart-ages"
              title={t('ageDistribution')}
              color="#fa8c16"
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('decisionsPerDay')}>
            <BarChart
              bars={board.decisionsPerDay.map((day) => ({ label: day.date.slice(5), value: day.count }))}
              testId="chart-decisions"
              title={t('decisionsPerDay')}
              color="#52c41a"
              labelEvery={5}
              width={1200}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
