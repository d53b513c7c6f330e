import { Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/http';
import { formatMoney, formatTime } from '../../shell/format';
import { ProblemAlert } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';

interface ApprovalItem {
  readonly complaintId: string;
  readonly branchId?: string;
  readonly tier: string;
  readonly amount: number;
  readonly currency?: string | null;
  readonly remedyTypes?: readonly string[];
  readonly proposedBy: string;
  readonly proposedAt: string;
}

/** Proposals awaiting the caller's approval (待审批), oldest first; each opens the complaint to decide. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const inbox = useLoad(() => get<{ items: ApprovalItem[] }>('/api/v1/approvals'), []);
  return (
    <Card
      title={<Typography.Title level={3}>{t('menu.approvals')}</Typography.Title>}
      extra={<Button onClick={inbox.reload}>{t('common.reload')}</Button>}
    >
      {inbox.problem && <ProblemAlert problem={inbox.problem} />}
      <Table<ApprovalItem>
        rowKey="complaintId"
        loading={inbox.loading}
        dataSource={inbox.data?.items ?? []}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('complaint.title'),
            dataIndex: 'complaintId',
            render: (id: string) => <Link to={`/complaints/${id}`}>{t('approvals.open')}</Link>,
          },
          { title: t('complaint.branch'), dataIndex: 'branchId' },
          {
            title: t('approvals.tier'),
            dataIndex: 'tier',
            render: (tier: string) => t(`option.${tier}`, { defaultValue: tier }),
          },
          { title: t('field.amount'), render: (_, item) => formatMoney(item.amount, item.currency ?? 'CNY') },
          {
            title: t('field.remedies'),
            dataIndex: 'remedyTypes',
            render: (types: string[] = []) =>
              types.map((r) => t(`option.${r}`, { defaultValue: r })).join('、'),
          },
          { title: t('approvals.proposedBy'), dataIndex: 'proposedBy' },
          { title: t('approvals.proposedAt'), dataIndex: 'proposedAt', render: formatTime },
        ]}
      />
    </Card>
  );
}
