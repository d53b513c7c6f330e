import { Descriptions, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView, Complaint } from '../../api/types';
import { formatMoney, formatTime } from '../../shell/format';

interface Remedy {
  type: string;
  amount?: number;
  currency?: string;
}

/** Where the case work stands: stage, waiting, the proposal and its approver, the contacts made. */
export function CaseSummary({
  caseView,
  complaint,
}: {
  readonly caseView?: CaseView;
  readonly complaint: Complaint;
}) {
  const { t } = useTranslation();
  const work = (complaint.case ?? {}) as {
    contacts?: { at?: string; channel: string; reached: boolean; note?: string }[];
    notes?: { at?: string; text: string }[];
  };
  const proposal = (caseView?.proposal ??
    (complaint.case as { proposal?: Record<string, unknown> } | null)?.proposal) as
    | { remedies?: Remedy[]; amount?: number; currency?: string; tier?: string; approverId?: string | null }
    | undefined;
  if (!caseView && !complaint.case) return <Empty description={t('case.none')} />;
  return (
    <>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('case.stage')}>
          <span data-testid="case-stage">
            {t(`stage.${caseView?.stage ?? ''}`, { defaultValue: caseView?.stage ?? '—' })}
          </span>
        </Descriptions.Item>
        {caseView?.waiting && (
          <Descriptions.Item label={t('case.waiting')}>{t(`option.${caseView.waiting}`)}</Descriptions.Item>
        )}
        {proposal && (
          <Descriptions.Item label={t('case.proposal')}>
            {(proposal.remedies ?? [])
              .map(
                (r) =>
                  `${t(`option.${r.type}`, { defaultValue: r.type })}${r.amount ? ` ${formatMoney(r.amount, r.currency)}` : ''}`,
              )
              .join('、')}
            {proposal.tier &&
              ` · ${t('case.approver')}: ${t(`option.${proposal.tier}`, { defaultValue: proposal.tier })} ${proposal.approverId ?? ''}`}
          </Descriptions.Item>
        )}
        {caseView?.outcome && (
          <Descriptions.Item label={t('case.outcome')}>{caseView.outcome}</Descriptions.Item>
        )}
      </Descriptions>
      {work.contacts && work.contacts.length > 0 && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(_, index) => String(index)}
          title={() => t('case.contacts')}
          pagination={false}
          dataSource={work.contacts}
          columns={[
            { title: t('field.at'), dataIndex: 'at', render: formatTime },
            {
              title: t('field.channel'),
              dataIndex: 'channel',
              render: (c: string) => t(`option.${c}`, { defaultValue: c }),
            },
            { title: t('field.reached'), dataIndex: 'reached', render: (r: boolean) => (r ? '✓' : '✗') },
            { title: t('field.note'), dataIndex: 'note' },
          ]}
        />
      )}
    </>
  );
}
