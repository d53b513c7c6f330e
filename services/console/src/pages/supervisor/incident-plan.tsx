import { App, Button, Card, Input, List, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, type Problem } from '../../api/http';
import { formatTime } from '../../shell/format';
import { ProblemAlert, problemOf } from '../../shell/problem';
import { useLoad } from '../../shell/use-load';

interface PlanStep {
  readonly stepId: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly done: { readonly by: string; readonly at: string; readonly note: string } | null;
}
interface IncidentPlan {
  readonly planId: string;
  readonly status: string;
  readonly levelName?: { readonly zh: string; readonly en: string };
  readonly steps: readonly PlanStep[];
  readonly stepsDone: number;
  readonly stepsTotal: number;
}

/** A collective incident's plan as a checklist: each step done with a note, by whom and when. */
export function IncidentPlanChecklist({ planId }: { readonly planId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const plan = useLoad(() => get<IncidentPlan>(`/api/v1/incident-plans/${planId}`), [planId]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const done = async (stepId: string) => {
    setProblem(null);
    try {
      await post(`/api/v1/incident-plans/${planId}/steps/${stepId}/done`, {
        note: notes[stepId] || t('incidents.doneNote'),
      });
      void message.success(t('incidents.stepDone'));
      plan.reload();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  const name = (text?: { zh: string; en: string }) =>
    text ? (i18n.language === 'en' ? text.en : text.zh) : '';
  if (!plan.data) return plan.problem ? <ProblemAlert problem={plan.problem} /> : null;
  return (
    <Card
      type="inner"
      title={`${t('incidents.plan')} ${name(plan.data.levelName)}`}
      extra={<Tag>{plan.data.status}</Tag>}
    >
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      <Progress percent={Math.round((plan.data.stepsDone / Math.max(plan.data.stepsTotal, 1)) * 100)} />
      <List
        dataSource={[...plan.data.steps]}
        renderItem={(step) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text delete={!!step.done}>{name(step.name)}</Typography.Text>
              {step.done ? (
                <Typography.Text type="secondary">
                  ✓ {step.done.by} · {formatTime(step.done.at)} · {step.done.note}
                </Typography.Text>
              ) : (
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    aria-label={t('field.note')}
                    placeholder={t('field.note')}
                    value={notes[step.stepId] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [step.stepId]: e.target.value })}
                  />
                  <Button onClick={() => void done(step.stepId)}>{t('incidents.markDone')}</Button>
                </Space.Compact>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
