import { Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/http';
import type { ComplaintSummary, Page } from '../../api/types';
import { ProblemAlert } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';
import { ComplaintTable } from '../complaint/complaints-page';

const OPEN = [
  'accepted',
  'investigating',
  'awaiting_approval',
  'negotiating',
  'executing',
  'reopened',
  'received',
];

/** Open complaints whose time limits are at risk or breached, across the manager's scope. */
export function AtRiskPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<'at_risk' | 'breached'>('at_risk');
  const list = useLoad(async () => {
    const pages = await Promise.all(
      OPEN.map((status) => get<Page<ComplaintSummary>>('/api/v1/complaints', { status, limit: 100 })),
    );
    return pages.flatMap((p) => p.items).filter((c) => c.sla?.state === state);
  }, [state]);
  return (
    <Card
      title={<Typography.Title level={3}>{t('menu.atRisk')}</Typography.Title>}
      extra={
        <Segmented
          value={state}
          onChange={(v) => setState(v as 'at_risk' | 'breached')}
          options={[
            { value: 'at_risk', label: t('sla.state.at_risk') },
            { value: 'breached', label: t('sla.state.breached') },
          ]}
        />
      }
    >
      {list.problem && <ProblemAlert problem={list.problem} />}
      <ComplaintTable items={list.data ?? []} loading={list.loading} />
    </Card>
  );
}
