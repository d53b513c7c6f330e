import { App, Button, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Problem, request } from '../../api/http';
import { ProblemAlert, problemOf } from '../../shell/problem';

/** Uploads a file as evidence (photo, PDF…): the raw file with its own content type. */
export function EvidenceUpload({ complaintId, onDone }: { readonly complaintId: string; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      await request(`/api/v1/complaints/${complaintId}/evidence/files`, {
        method: 'POST',
        query: { fileName: file.name },
        file,
      });
      void message.success(t('evidence.uploaded', { name: file.name }));
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button loading={busy}>{t('evidence.upload')}</Button>
      </Upload>
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(null)} />}
    </>
  );
}
