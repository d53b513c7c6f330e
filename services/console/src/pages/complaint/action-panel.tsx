import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasRole, useUser } from '../../shell/session';
import { ActionButton } from './action-button';
import type { ActionSpec } from './action-spec';
import { CASE_ACTIONS } from './case-actions';
import { EvidenceUpload } from './evidence-upload';
import { ASSIGNMENT_ACTIONS, FOLLOW_UP_ACTIONS, INTAKE_ACTIONS } from './other-actions';
import type { ComplaintState } from './use-complaint';

const MANAGERS = ['supervisor', 'branch_manager', 'director'];
const DECIDERS = ['handler', 'admin', ...MANAGERS];

/** Which follow-up actions a complaint in this status offers. */
const FOLLOW_UP_BY_STATUS: Record<string, readonly string[]> = {
  resolved: ['callback', 'reopen', 'close'],
  closed: ['review_request'],
  under_re_review: ['review_decision'],
};

/**
 * The actions allowed now: intake's decision on a received complaint, taking an assignment, the
 * case's `allowedActions` as the API answers them, follow-up's once resolved, and a manager's
 * reassignment and escalation while it is open.
 */
export function ActionPanel({
  state,
  onDone,
}: {
  readonly state: ComplaintState;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const { complaint, caseView } = state;
  if (!complaint) return null;
  const id = complaint.complaintId;
  const groups: { title: string; specs: readonly ActionSpec[]; tag: string | null }[] = [];
  if (complaint.status === 'received' && hasRole(user, ...DECIDERS))
    groups.push({ title: 'panel.intake', specs: INTAKE_ACTIONS, tag: state.complaintTag });
  const assignment = complaint.assignment as { assigneeId: string | null; accepted?: boolean } | null;
  if (assignment?.assigneeId === user.userId && assignment.accepted === false)
    groups.push({
      title: 'panel.assignment',
      specs: [ASSIGNMENT_ACTIONS.accept_assignment!, ASSIGNMENT_ACTIONS.return_assignment!],
      tag: null,
    });
  if (caseView && caseView.allowedActions.length > 0)
    groups.push({
      title: 'panel.case',
      specs: caseView.allowedActions.flatMap((a) => (CASE_ACTIONS[a] ? [CASE_ACTIONS[a]] : [])),
      tag: state.caseTag,
    });
  const followUps = FOLLOW_UP_BY_STATUS[complaint.status] ?? [];
  if (followUps.length > 0)
    groups.push({
      title: 'panel.followUp',
      specs: FOLLOW_UP_ACTIONS.filter((s) => followUps.includes(s.key)),
      tag: null,
    });
  const open = !['closed', 'rejected', 'withdrawn', 'merged', 'resolved_on_the_spot', 'resolved'].includes(
    complaint.status,
  );
  if (open && hasRole(user, ...MANAGERS))
    groups.push({
      title: 'panel.manage',
      specs: [ASSIGNMENT_ACTIONS.assign!, ASSIGNMENT_ACTIONS.transfer!, ASSIGNMENT_ACTIONS.escalate!],
      tag: null,
    });
  return (
    <Card title={t('panel.title')} data-testid="action-panel">
      {groups.length === 0 && <Typography.Text type="secondary">{t('panel.none')}</Typography.Text>}
      {groups.map((group) => (
        <div key={group.title} style={{ marginBottom: 12 }}>
          <Typography.Title level={5}>{t(group.title)}</Typography.Title>
          <Space wrap>
            {group.specs.map((spec, index) => (
              <ActionButton
                key={spec.key}
                complaintId={id}
                spec={spec}
                ifMatch={group.tag}
                proposal={caseView?.proposal}
                primary={index === 0}
                onDone={onDone}
              />
            ))}
            {group.title === 'panel.case' && caseView?.allowedActions.includes('add_evidence') && (
              <EvidenceUpload complaintId={id} onDone={onDone} />
            )}
          </Space>
        </div>
      ))}
    </Card>
  );
}
