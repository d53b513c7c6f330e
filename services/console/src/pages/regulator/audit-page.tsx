import { Card, Input, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { get } from '../../api/http';
import type { ComplaintSummary, Page } from '../../api/types';
import { formatTime } from '../../shell/format';
import { StatusTag } from '../../shell/labels';
import { ProblemAlert } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';
import { Timeline } from './timeline';

/** The regulator's audit: find a complaint, then its timeline, verification and view as of an instant. */
export function AuditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [q, setQ] = useState<string>('');
  const found = useLoad(() => get<Page<ComplaintSummary>>('/api/v1/complaints', { q, limit: 20 }), [q]);
  return (
    <Card title={<Typography.Title level={3}>{t('audit.title')}</Typography.Title>}>
      <Input.Search
        aria-label={t('audit.find')}
        placeholder={t('audit.find')}
        allowClear
        enterButton={t('common.search')}
        onSearch={(value) => setQ(value.trim())}
        style={{ maxWidth: 480, marginBottom: 16 }}
      />
      {found.problem && <ProblemAlert problem={found.problem} />}
      {!id && (
        <List
          loading={found.loading}
          dataSource={[...(found.data?.items ?? [])]}
          renderItem={(c) => (
            <List.Item onClick={() => void navigate(`/audit/${c.complaintId}`)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={
                  <a href={`/audit/${c.complaintId}`} onClick={(e) => e.preventDefault()}>
                    {c.reference}
                  </a>
                }
                description={`${formatTime(c.receivedAt)} · ${c.branchId} · ${c.excerpt}`}
              />
              <StatusTag status={c.status} />
            </List.Item>
          )}
        />
      )}
      {id && <Timeline complaintId={id} />}
    </Card>
  );
}
