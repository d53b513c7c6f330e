import { App, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Problem, post } from '../../api/http';
import type { ActionResult } from '../../api/types';
import { ProblemAlert, problemOf, showFieldErrors } from '../../shell/problem';
import { ActionField } from './action-fields';
import { type ActionSpec, withoutBlanks } from './action-spec';

export interface ActionButtonProps {
  readonly complaintId: string;
  readonly spec: ActionSpec;
  /** The revision the page shows, sent as If-Match: a stale page is refused (412), not lost. */
  readonly ifMatch: string | null;
  readonly proposal?: Record<string, unknown> | null;
  readonly primary?: boolean;
  onDone(result: ActionResult): void;
}

/** An action on a complaint: its button, its form in a dialog, and the API's answer. */
export function ActionButton({ complaintId, spec, ifMatch, proposal, primary, onDone }: ActionButtonProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const label = t(`action.${spec.key}`, { defaultValue: spec.key });

  const send = async (values: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      const body = spec.body ? spec.body(values, { proposal }) : withoutBlanks(values);
      const result = await post<ActionResult>(
        `/api/v1/complaints/${complaintId}/${spec.path}`,
        body,
        spec.revision === 'none' ? null : ifMatch,
      );
      setOpen(false);
      void message.success(
        t('action.done', {
          action: label,
          status: t(`status.${result.status}`, { defaultValue: result.status }),
        }),
      );
      onDone(result);
    } catch (error) {
      const found = problemOf(error);
      showFieldErrors(form, found, i18n.language);
      setProblem(found);
    } finally {
      setBusy(false);
    }
  };

  const start = () => {
    setProblem(null);
    if (spec.fields.length === 0) void send({});
    else setOpen(true);
  };

  return (
    <>
      <Button
        type={primary ? 'primary' : 'default'}
        danger={spec.danger}
        loading={busy && !open}
        onClick={start}
      >
        {label}
      </Button>
      {!open && problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      <Modal
        open={open}
        title={label}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {problem && <ProblemAlert problem={problem} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={spec.initial?.({ proposal })}
          onFinish={(values) => void send(values)}
          preserve={false}
        >
          {spec.fields.map((field) => (
            <ActionField key={field.name} field={field} proposal={proposal} />
          ))}
        </Form>
      </Modal>
    </>
  );
}
