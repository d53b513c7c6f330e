import { Alert, Button, Card, DatePicker, Form, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../api/http';
import { timeZone } from '../../shell/format';
import { downloadFromApi } from '../../shell/download';
import { ProblemAlert, problemOf } from '../../shell/problem';

/** The regulator's export: NDJSON with hashes and a manifest, and how to verify it offline. */
export function AuditExportPage() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [lines, setLines] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const exportRange = async ({ range }: { range?: [Dayjs, Dayjs] }) => {
    setBusy(true);
    setProblem(null);
    try {
      const query = range
        ? {
            from: range[0].tz(timeZone(), true).startOf('day').toISOString(),
            to: range[1].tz(timeZone(), true).endOf('day').toISOString(),
          }
        : {};
      const text = await downloadFromApi(
        '/api/v1/audit/export',
        query,
        'kesu-audit-export.ndjson',
        'application/x-ndjson',
      );
      setLines(text.split('\n').filter(Boolean).length);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={<Typography.Title level={3}>{t('export.title')}</Typography.Title>}>
      {problem && <ProblemAlert problem={problem} />}
      <Form layout="inline" onFinish={(values) => void exportRange(values)}>
        <Form.Item name="range" label={t('export.range')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('export.download')}
        </Button>
      </Form>
      {lines !== null && (
        <Alert style={{ marginTop: 16 }} type="success" showIcon title={t('export.done', { lines })} />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('export.howToVerify')}
      </Typography.Title>
      <Typography.Paragraph>{t('export.verifyText')}</Typography.Paragraph>
      <Typography.Paragraph code copyable>
        npm run verify-export -- kesu-audit-export.ndjson
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('export.verifyExit')}</Typography.Paragraph>
    </Card>
  );
}
