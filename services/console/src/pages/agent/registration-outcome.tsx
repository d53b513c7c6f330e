import { Alert, Button, Card, Descriptions, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Problem, post } from '../../api/http';
import type { ElsewhereRef, RegistrationResult } from '../../api/types';
import { formatTime } from '../../shell/format';
import { ProblemAlert, problemOf } from '../../shell/problem';

const branchName = (ref: ElsewhereRef, language: string) =>
  language === 'en' ? ref.branchName.en : ref.branchName.zh;

/**
 * What registration answered: the reference and acknowledgement to read to the customer, a duplicate
 * or repeat at once, and the read-back confirmation (复述确认), with a correction when the customer
 * corrects the record.
 */
export function RegistrationOutcome({
  result,
  onNext,
}: {
  readonly result: RegistrationResult;
  readonly onNext: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirmed, setConfirmed] = useState(false);
  const [correction, setCorrection] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const confirm = async () => {
    setProblem(null);
    try {
      const body = correction.trim() ? { corrections: { description: correction.trim() } } : {};
      await post(`/api/v1/complaints/${result.complaintId}/confirmations`, body);
      setConfirmed(true);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <Card title={<Typography.Title level={3}>{t('outcome.title')}</Typography.Title>}>
      {result.duplicateOf && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('outcome.duplicateOf', { reference: result.duplicateOf.reference })}
          action={<Link to={`/complaints/${result.duplicateOf.complaintId}`}>{t('common.open')}</Link>}
        />
      )}
      {result.duplicateElsewhere && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('outcome.duplicateElsewhere', {
            branch: branchName(result.duplicateElsewhere, i18n.language),
          })}
        />
      )}
      {result.repeatOf && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('outcome.repeatOf', { reference: result.repeatOf.reference })}
          action={<Link to={`/complaints/${result.repeatOf.complaintId}`}>{t('common.open')}</Link>}
        />
      )}
      {result.repeatElsewhere && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('outcome.repeatElsewhere', { branch: branchName(result.repeatElsewhere, i18n.language) })}
        />
      )}
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label={t('complaint.reference')}>
          <Typography.Text strong copyable data-testid="reference">
            {result.reference}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('complaint.status')}>
          <span data-testid="registration-status">{t(`status.${result.status}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('outcome.respondBy')}>
          {formatTime(result.acknowledgement.respondBy)}
        </Descriptions.Item>
        <Descriptions.Item label={t('outcome.acknowledgement')}>
          <Typography.Paragraph data-testid="acknowledgement" style={{ margin: 0 }}>
            {result.acknowledgement.message}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {result.status === 'received' && (
        <Card type="inner" title={t('outcome.readBack')} style={{ marginTop: 16 }}>
          {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
          {confirmed ? (
            <Alert type="success" showIcon title={t('outcome.confirmed')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>{t('outcome.readBackHint')}</Typography.Text>
              <Input.TextArea
                aria-label={t('outcome.correction')}
                placeholder={t('outcome.correction')}
                value={correction}
                onChange={(e) => setCorrection(e.target.value)}
                rows={2}
              />
              <Button type="primary" onClick={() => void confirm()}>
                {t('outcome.confirm')}
              </Button>
            </Space>
          )}
        </Card>
      )}
      <Space style={{ marginTop: 16 }}>
        <Link to={`/complaints/${result.complaintId}`}>{t('outcome.openComplaint')}</Link>
        <Button onClick={onNext}>{t('outcome.next')}</Button>
      </Space>
    </Card>
  );
}
