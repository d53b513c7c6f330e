import { Button, Card, Col, DatePicker, Form, Input, Row, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, tenantDay } from '../../shell/format';
import { saveFile } from '../../shell/download';
import { ProblemAlert } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';
import { branchOption, causesOption, gaugeOption, trendOption } from './charts';
import { EChart } from './echart';
import { type KpiFilters, kpisCsv, loadKpis } from './kpis';

/** The analyst's KPI dashboard: trend, per branch, share per cause, satisfaction, on time; CSV export. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<KpiFilters>({ from: tenantDay(-29), to: tenantDay() });
  const data = useLoad(async () => {
    const [total, days, branches] = await Promise.all([
      loadKpis(filters),
      loadKpis(filters, 'day'),
      loadKpis(filters, 'branch'),
    ]);
    return { total, days, branches };
  }, [filters.from, filters.to, filters.branchId]);
  const options = useMemo(
    () =>
      data.data && {
        trend: trendOption(t, data.data.days.groups),
        branches: branchOption(t, data.data.branches.groups),
        causes: causesOption(t, data.data.total.causes),
        satisfaction: gaugeOption(t('kpi.satisfactionRate'), data.data.total.total.satisfactionRate),
        onTime: gaugeOption(t('kpi.onTimeRate'), data.data.total.total.onTimeRate),
      },
    [data.data, t],
  );
  const total = data.data?.total.total;
  const apply = (values: { range?: [Dayjs, Dayjs]; branchId?: string }) =>
    setFilters({
      from: values.range?.[0].format('YYYY-MM-DD'),
      to: values.range?.[1].format('YYYY-MM-DD'),
      branchId: values.branchId?.trim() || undefined,
    });
  return (
    <div>
      <Typography.Title level={3}>{t('menu.dashboard')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          initialValues={{ range: [dayjs(filters.from), dayjs(filters.to)] }}
          onFinish={apply}
        >
          <Form.Item name="range" label={t('kpi.period')}>
            <DatePicker.RangePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="branchId" label={t('complaint.branch')}>
            <Input allowClear placeholder="east-1 / east / hq" style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.apply')}
          </Button>
          <Button
            style={{ marginLeft: 8 }}
            disabled={!data.data}
            onClick={() =>
              data.data &&
              saveFile(
                `kesu-kpis-${filters.from}-${filters.to}.csv`,
                kpisCsv(data.data.branches.groups),
                'text/csv',
              )
            }
          >
            {t('kpi.exportCsv')}
          </Button>
        </Form>
      </Card>
      {data.problem && <ProblemAlert problem={data.problem} />}
      <Row gutter={[16, 16]}>
        {(['received', 'closureRate', 'onTimeRate', 'satisfactionRate', 'avgResolutionHours'] as const).map(
          (key) => (
            <Col xs={12} md={8} xl={4} key={key}>
              <Card>
                <Statistic
                  title={t(`kpi.${key}`)}
                  value={formatNumber(total?.[key] ?? null, 1)}
                  suffix={key.endsWith('Rate') && total?.[key] !== null ? '%' : undefined}
                />
              </Card>
            </Col>
          ),
        )}
        <Col xs={12} md={8} xl={4}>
          <Card>
            <Statistic
              title={t('kpi.growth')}
              value={formatNumber(data.data?.total.previousPeriod.growth ?? null, 1)}
              suffix="%"
            />
          </Card>
        </Col>
      </Row>
      {options && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} xl={12}>
            <Card title={t('kpi.trend')}>
              <EChart option={options.trend} label={t('kpi.trend')} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('kpi.perBranch')}>
              <EChart option={options.branches} label={t('kpi.perBranch')} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t('kpi.causes')}>
              <EChart option={options.causes} label={t('kpi.causes')} />
            </Card>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Card title={t('kpi.satisfactionRate')}>
              <EChart option={options.satisfaction} label={t('kpi.satisfactionRate')} />
            </Card>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Card title={t('kpi.onTimeRate')}>
              <EChart option={options.onTime} label={t('kpi.onTimeRate')} />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
