import { Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/http';
import type { Complaint } from '../../api/types';
import { formatTime } from '../../shell/format';
import { ProblemAlert } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';
import { IncidentActions } from './incident-actions';
import { IncidentPlanChecklist } from './incident-plan';

export interface Incident {
  readonly incidentId: string;
  readonly branchId: string;
  readonly target?: unknown;
  readonly complaintIds: readonly string[];
  readonly complaintCount: number;
  readonly complainantCount: number;
  readonly detectedAt: string;
  readonly mergedInto: string | null;
}

function IncidentDetail({ incident, onChanged }: { readonly incident: Incident; onChanged(): void }) {
  const { t } = useTranslation();
  const first = incident.complaintIds[0];
  const plan = useLoad(
    async () =>
      first
        ? ((await get<Complaint & { incidentPlan: { planId: string } | null }>(`/api/v1/complaints/${first}`))
            .incidentPlan ?? null)
        : null,
    [first],
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <IncidentActions incident={incident} onChanged={onChanged} />
      <List
        header={t('incidents.members')}
        bordered
        dataSource={[...incident.complaintIds]}
        renderItem={(id) => (
          <List.Item>
            <Link to={`/complaints/${id}`}>{id}</Link>
          </List.Item>
        )}
      />
      {plan.data ? (
        <IncidentPlanChecklist planId={plan.data.planId} />
      ) : (
        <Empty description={t('incidents.noPlan')} />
      )}
    </Space>
  );
}

/** The collective-incident board: incidents, their members, merge and removal, and each plan's checklist. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const incidents = useLoad(
    () => get<{ items: Incident[] }>('/api/v1/classification/incidents', { limit: 50 }),
    [],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const current = incidents.data?.items.find((i) => i.incidentId === selected);
  return (
    <Card title={<Typography.Title level={3}>{t('menu.incidents')}</Typography.Title>}>
      {incidents.problem && <ProblemAlert problem={incidents.problem} />}
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <List
            loading={incidents.loading}
            dataSource={incidents.data?.items ?? []}
            locale={{ emptyText: t('incidents.none') }}
            renderItem={(incident) => (
              <List.Item
                onClick={() => setSelected(incident.incidentId)}
                style={{
                  cursor: 'pointer',
                  background: incident.incidentId === selected ? '#e6f4ff' : undefined,
                }}
              >
                <List.Item.Meta
                  title={`${incident.branchId} · ${t('incidents.count', { complaints: incident.complaintCount, people: incident.complainantCount })}`}
                  description={formatTime(incident.detectedAt)}
                />
                {incident.mergedInto && <Tag>{t('incidents.merged')}</Tag>}
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={14}>
          {current ? (
            <IncidentDetail incident={current} onChanged={incidents.reload} />
          ) : (
            <Empty description={t('incidents.choose')} />
          )}
        </Col>
      </Row>
    </Card>
  );
}
