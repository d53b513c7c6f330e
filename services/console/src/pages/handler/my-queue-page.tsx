import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';
import { loadQueue, QueueTable } from './queue-table';

/** The handler's own open complaints, with their SLA countdowns (我的待办). */
export function MyQueuePage() {
  const { t } = useTranslation();
  const queue = useLoad(() => loadQueue('/api/v1/assignments/queues/mine'), []);
  return (
    <Card
      title={<Typography.Title level={3}>{t('menu.myQueue')}</Typography.Title>}
      extra={<Button onClick={queue.reload}>{t('common.reload')}</Button>}
    >
      {queue.problem && <ProblemAlert problem={queue.problem} />}
      <QueueTable rows={queue.data ?? []} loading={queue.loading} />
    </Card>
  );
}
