import { Card, Col, Descriptions, Row, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Complaint } from '../../api/types';
import { formatTime } from '../../shell/format';
import { categoryLabel, SlaCountdown, StatusTag } from '../../shell/labels';
import { ProblemAlert } from '../../shell/problem';
import { Timeline } from '../regulator/timeline';
import { ActionPanel } from './action-panel';
import { CaseSummary } from './case-summary';
import { useComplaint } from './use-complaint';

function ComplaintDetails({ complaint }: { readonly complaint: Complaint }) {
  const { t } = useTranslation();
  const complainant = complaint.complainant as { name?: string; phone?: string; email?: string } | null;
  const assignment = complaint.assignment;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label={t('complaint.status')}>
        <StatusTag status={complaint.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.sla')}>
        <SlaCountdown sla={complaint.sla} />
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.channel')}>
        {t(`channel.${complaint.channel}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.branch')}>
        {t(`branch.${complaint.branchId}`, { defaultValue: complaint.branchId })}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.receivedAt')}>
        {formatTime(complaint.receivedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.category')}>
        {complaint.classification
          ? `${categoryLabel(t, complaint.classification.category)} · ${t(`severity.${complaint.classification.severity}`, { defaultValue: complaint.classification.severity })}`
          : t('complaint.notYetClassified')}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.assignee')}>
        {assignment ? `${assignment.assigneeId ?? '—'} (${assignment.departmentId ?? '—'})` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.complainant')}>
        {complainant?.name
          ? `${complainant.name} ${complainant.phone ?? ''} ${complainant.email ?? ''}`
          : t('complaint.redacted')}
      </Descriptions.Item>
      <Descriptions.Item label={t('complaint.description')} span={2}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {complaint.description}
        </Typography.Paragraph>
      </Descriptions.Item>
      {complaint.expectedRemedy && (
        <Descriptions.Item label={t('intake.expectedRemedy')} span={2}>
          {complaint.expectedRemedy}
        </Descriptions.Item>
      )}
      {complaint.satisfaction && (
        <Descriptions.Item label={t('complaint.satisfaction')}>
          {t(`option.${complaint.satisfaction}`)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** A complaint's page: what it is, where it stands, and only the actions allowed now. */
export function ComplaintPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const state = useComplaint(id);
  const { complaint } = state;
  return (
    <div>
      <Typography.Title level={3}>
        {t('complaint.title')} <span data-testid="complaint-reference">{complaint?.reference ?? ''}</span>
      </Typography.Title>
      {state.problem && <ProblemAlert problem={state.problem} />}
      {complaint && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card>
              <Tabs
                items={[
                  {
                    key: 'details',
                    label: t('complaint.details'),
                    children: <ComplaintDetails complaint={complaint} />,
                  },
                  {
                    key: 'case',
                    label: t('complaint.case'),
                    children: <CaseSummary caseView={state.caseView} complaint={complaint} />,
                  },
                  { key: 'history', label: t('complaint.history'), children: <Timeline complaintId={id} /> },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <ActionPanel state={state} onDone={state.refresh} />
          </Col>
        </Row>
      )}
    </div>
  );
}
