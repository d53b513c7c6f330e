import { Alert, Button, Card, Descriptions, Slider, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Problem } from '../../api/http';
import type { Complaint, HistoryEvent } from '../../api/types';
import { formatInstant } from '../../shell/format';
import { StatusTag } from '../../shell/labels';
import { ProblemAlert, problemOf } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';

interface Verification {
  readonly valid: boolean;
  readonly eventsChecked: number;
  readonly brokenAt?: unknown;
}

const actorOf = (event: HistoryEvent): string =>
  event.actor
    ? `${event.actor.id ?? ''}${event.actor.roles?.length ? ` (${event.actor.roles.join(', ')})` : ''}`
    : '—';

/** The view as it stood at an instant chosen on the timeline. */
function AsOfView({
  complaintId,
  events,
}: {
  readonly complaintId: string;
  readonly events: readonly HistoryEvent[];
}) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(events.length - 1);
  const instant = events[index]?.recordedAt;
  const view = useLoad(
    () =>
      instant
        ? get<Complaint>(`/api/v1/complaints/${complaintId}`, { asOf: instant })
        : Promise.resolve(undefined),
    [complaintId, instant],
  );
  if (events.length === 0) return null;
  return (
    <Card type="inner" title={t('audit.asOf')} style={{ marginTop: 16 }}>
      <Slider
        min={0}
        max={events.length - 1}
        value={index}
        onChange={setIndex}
        aria-label={t('audit.asOf')}
        tooltip={{
          formatter: (i) =>
            i === undefined ? '' : `${events[i]?.type} ${formatInstant(events[i]?.recordedAt)}`,
        }}
      />
      <Typography.Text data-testid="as-of-instant">{formatInstant(instant)}</Typography.Text>
      {view.problem && <ProblemAlert problem={view.problem} />}
      {view.data && (
        <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('complaint.status')}>
            <StatusTag status={view.data.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('complaint.category')}>
            {view.data.classification?.category ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

/** A complaint's whole timeline across services: actor, time and hash of each event; verify; as of. */
export function Timeline({ complaintId }: { readonly complaintId: string }) {
  const { t } = useTranslation();
  const history = useLoad(
    () => get<{ events: HistoryEvent[] }>(`/api/v1/complaints/${complaintId}/history`),
    [complaintId],
  );
  const [verification, setVerification] = useState<Verification | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const verify = async () => {
    setProblem(null);
    try {
      setVerification(await get<Verification>(`/api/v1/complaints/${complaintId}/history/verify`));
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  const events = history.data?.events ?? [];
  return (
    <div>
      {history.problem && <ProblemAlert problem={history.problem} />}
      {problem && <ProblemAlert problem={problem} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => void verify()}>
          {t('audit.verify')}
        </Button>
        <Button onClick={history.reload}>{t('common.reload')}</Button>
      </Space>
      {verification && (
        <Alert
          data-testid="verification"
          style={{ marginBottom: 12 }}
          type={verification.valid ? 'success' : 'error'}
          showIcon
          title={
            verification.valid ? t('audit.valid', { count: verification.eventsChecked }) : t('audit.broken')
          }
          description={verification.valid ? undefined : JSON.stringify(verification.brokenAt)}
        />
      )}
      <Table<HistoryEvent>
        size="small"
        rowKey="globalPosition"
        loading={history.loading}
        dataSource={events}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: '#', dataIndex: 'globalPosition', width: 70 },
          { title: t('audit.time'), dataIndex: 'recordedAt', render: formatInstant, width: 170 },
          {
            title: t('audit.event'),
            dataIndex: 'type',
            render: (type: string) => (
              <span>
                {t(`event.${type}`, { defaultValue: type })}
                <br />
                <Typography.Text type="secondary">{type}</Typography.Text>
              </span>
            ),
          },
          { title: t('audit.actor'), render: (_, e) => actorOf(e) },
          { title: t('audit.stream'), dataIndex: 'streamId', ellipsis: true },
          {
            title: t('audit.hash'),
            dataIndex: 'hash',
            render: (hash: string) => (
              <Typography.Text code copyable={{ text: hash }} title={hash}>
                {hash.slice(0, 12)}…
              </Typography.Text>
            ),
          },
        ]}
      />
      {events.length > 0 && <AsOfView complaintId={complaintId} events={events} />}
    </div>
  );
}
