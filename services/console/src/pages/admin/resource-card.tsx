import { App, Button, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Problem, request } from '../../api/http';
import { ProblemAlert, problemOf } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';
import { type AdminResource, editableBody } from './sections';

const cellText = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** A list as a table, with a column per field of its first rows. */
function ResourceTable({ rows }: { readonly rows: readonly Record<string, unknown>[] }) {
  const keys = [...new Set(rows.slice(0, 5).flatMap((row) => Object.keys(row)))].slice(0, 8);
  return (
    <Table
      size="small"
      rowKey={(_, index) => String(index)}
      dataSource={[...rows]}
      scroll={{ x: 900 }}
      pagination={{ pageSize: 10 }}
      columns={keys.map((key) => ({ title: key, dataIndex: key, ellipsis: true, render: cellText }))}
    />
  );
}

/** A setting of the tenant: shown as the API answers it, edited as JSON with If-Match. */
export function ResourceCard({ resource }: { readonly resource: AdminResource }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const loaded = useLoad(() => request<Record<string, unknown>>(resource.path), [resource.path]);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const save = async () => {
    setProblem(null);
    try {
      const body: unknown = JSON.parse(draft ?? '{}');
      await request(resource.path, { method: 'PUT', body, ifMatch: loaded.data?.etag ?? null });
      void message.success(t('common.saved'));
      setDraft(null);
      loaded.reload();
    } catch (error) {
      setProblem(
        error instanceof SyntaxError
          ? { title: t('admin.badJson'), status: 400, detail: error.message }
          : problemOf(error),
      );
    }
  };
  if (loaded.problem) return <ProblemAlert problem={loaded.problem} />;
  const answer = loaded.data?.body;
  const list = resource.list && answer ? answer[resource.list] : undefined;
  return (
    <div>
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      {draft !== null ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            aria-label={t('admin.edit')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            autoSize={{ minRows: 8, maxRows: 24 }}
            style={{ fontFamily: 'monospace' }}
          />
          <Space>
            <Button type="primary" onClick={() => void save()}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
          </Space>
        </Space>
      ) : Array.isArray(list) ? (
        <ResourceTable rows={list as Record<string, unknown>[]} />
      ) : (
        <Typography.Paragraph>
          <pre style={{ maxHeight: 360, overflow: 'auto', fontSize: 12 }}>
            {JSON.stringify(answer, null, 2)}
          </pre>
        </Typography.Paragraph>
      )}
      {resource.put && draft === null && answer && (
        <Button onClick={() => setDraft(JSON.stringify(editableBody(answer), null, 2))}>
          {t('admin.edit')}
        </Button>
      )}
    </div>
  );
}
