import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';
import { loadQueue, QueueTable } from '../handler/queue-table';

/** The open complaints of the caller's departments, assigned or waiting (团队待办). */
export function TeamQueuePage() {
  const { t } = useTranslation();
  const queue = useLoad(() => loadQueue('/api/v1/assignments/queues/team'), []);
  return (
    <Card
      title={<Typography.Title level={3}>{t('menu.teamQueue')}</Typography.Title>}
      extra={<Button onClick={queue.reload}>{t('common.reload')}</Button>}
    >
      {queue.problem && <ProblemAlert problem={queue.problem} />}
      <QueueTable rows={queue.data ?? []} loading={queue.loading} />
    </Card>
  );
}
