import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/http';
import type { Complaint, Page, QueueItem, Sla } from '../../api/types';
import { formatTime } from '../../shell/format';
import { categoryLabel, SlaCountdown } from '../../shell/labels';

/** A queue item with the SLA of its complaint (the queue itself carries no deadlines). */
export interface QueueRow extends QueueItem {
  readonly sla: Sla | null;
  readonly complaintStatus?: string;
}

/** Loads a queue and the SLA of each of its complaints. */
export async function loadQueue(
  path: string,
  query: Record<string, string | undefined> = {},
): Promise<QueueRow[]> {
  const page = await get<Page<QueueItem>>(path, { ...query, limit: 50 });
  return Promise.all(
    page.items.map(async (item) => {
      const complaint = await get<Complaint>(`/api/v1/complaints/${item.complaintId}`).catch(() => null);
      return { ...item, sla: complaint?.sla ?? null, complaintStatus: complaint?.status };
    }),
  );
}

/** A work queue with each complaint's working-time SLA countdown. */
export function QueueTable({
  rows,
  loading,
}: {
  readonly rows: readonly QueueRow[];
  readonly loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<QueueRow>
      rowKey="complaintId"
      loading={loading}
      dataSource={[...rows]}
      scroll={{ x: 900 }}
      pagination={{ pageSize: 20 }}
      columns={[
        {
          title: t('complaint.reference'),
          dataIndex: 'reference',
          render: (reference: string, row) => <Link to={`/complaints/${row.complaintId}`}>{reference}</Link>,
        },
        {
          title: t('complaint.severity'),
          dataIndex: 'severity',
          render: (s: string) => (
            <Tag color={s === 'critical' ? 'red' : s === 'major' ? 'orange' : undefined}>
              {t(`severity.${s}`, { defaultValue: s })}
            </Tag>
          ),
        },
        {
          title: t('complaint.category'),
          dataIndex: 'category',
          render: (c: string) => categoryLabel(t, c),
        },
        {
          title: t('complaint.status'),
          render: (_, row) => t(`status.${row.complaintStatus ?? row.status}`, { defaultValue: row.status }),
        },
        {
          title: t('complaint.assignee'),
          dataIndex: 'assigneeId',
          render: (a: string | null) => a ?? t('queue.unassigned'),
        },
        { title: t('complaint.department'), dataIndex: 'departmentId' },
        { title: t('complaint.receivedAt'), dataIndex: 'receivedAt', render: formatTime },
        { title: t('complaint.sla'), render: (_, row) => <SlaCountdown sla={row.sla} /> },
      ]}
    />
  );
}
