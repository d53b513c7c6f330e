import type { TFunction } from 'i18next';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Sla } from '../api/types';
import { formatRemaining, formatTime } from './format';

const STATE_COLOURS: Record<string, string> = {
  on_track: 'green',
  at_risk: 'orange',
  breached: 'red',
  met: 'blue',
  paused: 'default',
};

/** A complaint's status, in words. */
export function StatusTag({ status }: { readonly status: string }) {
  const { t } = useTranslation();
  return <Tag data-testid="status">{t(`status.${status}`, { defaultValue: status })}</Tag>;
}

/** The milestone that runs now: the first neither met nor missing. */
export function runningMilestone(sla: Sla) {
  const running = Object.entries(sla.milestones ?? {}).filter(([, m]) => m && !m.actual);
  running.sort(([, a], [, b]) => (a!.dueAt < b!.dueAt ? -1 : 1));
  const [name, milestone] = running[0] ?? [];
  return name && milestone ? { name, milestone } : null;
}

/** The SLA's state and the working time left on the milestone that runs now. */
export function SlaCountdown({ sla }: { readonly sla: Sla | null }) {
  const { t } = useTranslation();
  if (!sla) return <span>—</span>;
  const running = runningMilestone(sla);
  return (
    <span>
      <Tag color={STATE_COLOURS[sla.state]}>{t(`sla.state.${sla.state}`)}</Tag>
      {running ? (
        <span title={formatTime(running.milestone.dueAt)}>
          {t(`sla.milestone.${running.name}`, { defaultValue: running.name })}:{' '}
          {formatRemaining(running.milestone.remainingWorkingMs)}
        </span>
      ) : (
        sla.resolveBy && <span>{formatTime(sla.resolveBy)}</span>
      )}
    </span>
  );
}

/** A category's name; a sub-category (`fees_price.price`) by its parent's name and its own code. */
export function categoryLabel(t: TFunction, code: string): string {
  const [parent = code, ...rest] = code.split('.');
  const name = t(`category.${parent}`, { defaultValue: parent });
  return rest.length > 0 ? `${name} · ${rest.join('.')}` : name;
}
