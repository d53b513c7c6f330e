import { App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, type Problem } from '../../api/http';
import { ProblemAlert, problemOf } from '../../shell/problem';
import type { Incident } from './incidents-page';

/** Merging an incident into another, and removing a complaint that does not belong. */
export function IncidentActions({ incident, onChanged }: { readonly incident: Incident; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = async (path: string, body: unknown) => {
    setProblem(null);
    try {
      await post(`/api/v1/classification/incidents/${incident.incidentId}/${path}`, body);
      void message.success(t('common.saved'));
      onChanged();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      <Form layout="inline" onFinish={(v: { into: string; reason: string }) => void run('merge', v)}>
        <Form.Item name="into" label={t('incidents.mergeInto')} rules={[{ required: true }]}>
          <Input style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Button htmlType="submit">{t('incidents.merge')}</Button>
      </Form>
      <Form
        layout="inline"
        onFinish={(v: { complaintId: string; reason: string }) =>
          void run(`members/${v.complaintId}/removal`, { reason: v.reason })
        }
      >
        <Form.Item name="complaintId" label={t('incidents.member')} rules={[{ required: true }]}>
          <Select
            style={{ width: 300 }}
            options={incident.complaintIds.map((id) => ({ value: id, label: id }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('field.reason')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Button htmlType="submit" danger>
          {t('incidents.remove')}
        </Button>
      </Form>
    </Space>
  );
}
