import { Button, Card, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/http';
import type { ComplaintSummary, Page } from '../../api/types';
import { formatTime } from '../../shell/format';
import { categoryLabel, SlaCountdown, StatusTag } from '../../shell/labels';
import { ProblemAlert } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';

const STATUSES = [
  'received',
  'accepted',
  'investigating',
  'awaiting_approval',
  'negotiating',
  'executing',
  'resolved',
  'reopened',
  'closed',
  'rejected',
];

/** Find complaints: by text or reference, status and branch. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<{ q?: string; status?: string; branchId?: string }>({});
  const list = useLoad(
    () => get<Page<ComplaintSummary>>('/api/v1/complaints', { ...filters, limit: 50 }),
    [filters.q, filters.status, filters.branchId],
  );
  return (
    <Card title={<Typography.Title level={3}>{t('complaints.title')}</Typography.Title>}>
      <Form layout="inline" onFinish={setFilters} style={{ marginBottom: 16 }}>
        <Form.Item name="q" label={t('complaints.search')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="status" label={t('complaint.status')}>
          <Select
            allowClear
            style={{ width: 160 }}
            options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="branchId" label={t('complaint.branch')}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      {list.problem && <ProblemAlert problem={list.problem} />}
      <ComplaintTable items={list.data?.items ?? []} loading={list.loading} />
    </Card>
  );
}

/** A table of complaints, each linking to its page. */
export function ComplaintTable({
  items,
  loading,
}: {
  readonly items: readonly ComplaintSummary[];
  readonly loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<ComplaintSummary>
      rowKey="complaintId"
      loading={loading}
      dataSource={[...items]}
      scroll={{ x: 900 }}
      pagination={{ pageSize: 20 }}
      columns={[
        {
          title: t('complaint.reference'),
          dataIndex: 'reference',
          render: (reference: string, c) => <Link to={`/complaints/${c.complaintId}`}>{reference}</Link>,
        },
        { title: t('complaint.receivedAt'), dataIndex: 'receivedAt', render: formatTime },
        {
          title: t('complaint.status'),
          dataIndex: 'status',
          render: (s: string) => <StatusTag status={s} />,
        },
        { title: t('complaint.branch'), dataIndex: 'branchId' },
        {
          title: t('complaint.category'),
          render: (_, c) => (c.classification ? categoryLabel(t, c.classification.category) : '—'),
        },
        { title: t('complaint.excerpt'), dataIndex: 'excerpt', ellipsis: true },
        { title: t('complaint.sla'), render: (_, c) => <SlaCountdown sla={c.sla} /> },
      ]}
    />
  );
}
