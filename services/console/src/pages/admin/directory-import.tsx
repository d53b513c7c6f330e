import { Alert, Button, Card, Form, Input, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, type Problem } from '../../api/http';
import { ProblemAlert, problemOf } from '../../shell/problem';

interface ImportValues {
  csv: string;
  reason: string;
  dryRun: boolean;
}

/** Imports the organisation from an HR export (CSV), with a dry run first; every bad line is named. */
export function DirectoryImport() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [answer, setAnswer] = useState<unknown>(null);
  const run = async (values: ImportValues) => {
    setProblem(null);
    setAnswer(null);
    try {
      setAnswer(
        await post('/api/v1/directory/imports', {
          csv: values.csv,
          reason: values.reason,
          dryRun: values.dryRun,
        }),
      );
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <Card title={t('admin.import')} style={{ marginBottom: 16 }}>
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      <Form<ImportValues> layout="vertical" initialValues={{ dryRun: true }} onFinish={(v) => void run(v)}>
        <Form.Item name="csv" label="CSV" rules={[{ required: true, message: t('form.required') }]}>
          <Input.TextArea
            rows={5}
            style={{ fontFamily: 'monospace' }}
            placeholder="record,id,kind,parent,unit,name_zh,name_en,…"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="reason"
            label={t('field.reason')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="dryRun" label={t('admin.dryRun')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('admin.runImport')}
          </Button>
        </Space>
      </Form>
      {answer !== null && (
        <Alert
          type="success"
          showIcon
          title={t('common.saved')}
          description={<pre>{JSON.stringify(answer, null, 2)}</pre>}
        />
      )}
    </Card>
  );
}
