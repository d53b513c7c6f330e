import { chinaMainlandCalendar } from '@kesu/calendar';
import { fold } from '@kesu/kernel';
import type { SlaClockCommand } from './clock-decider';
import { slaClockDecider } from './clock-decider';
import type { SlaStreamEvent } from './clock-state';
import { DEFAULT_SLA_POLICY, rulesFor } from './policy';

export const calendar = chinaMainlandCalendar();
/** Shanghai wall clock → UTC ISO. */
export const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
/** Wednesday 4 March 2026, 10:00 in Shanghai. */
export const RECEIVED = sh('2026-03-04T10:00:00');
export const rules = (severity?: string) =>
  rulesFor(DEFAULT_SLA_POLICY, { branchId: 'b1', channel: 'phone', severity, category: 'metering' });

export const start = (governmentDeadline?: string): SlaClockCommand => ({
  type: 'StartClock',
  complaintId: 'c1',
  branchId: 'b1',
  channel: 'phone',
  rules: rules(),
  calendar,
  at: RECEIVED,
  ...(governmentDeadline ? { governmentDeadline } : {}),
});

export const classify = (severity: string): SlaClockCommand => ({
  type: 'Classify',
  severity,
  category: 'metering',
  rules: rules(severity),
  calendar,
  at: RECEIVED,
});

/** The events a sequence of commands records, each decided on the state the previous ones left. */
export function run(
  commands: readonly SlaClockCommand[],
  given: readonly SlaStreamEvent[] = [],
): SlaStreamEvent[] {
  const events = [...given];
  for (const c of commands) events.push(...slaClockDecider.decide(c, fold(slaClockDecider, events)));
  return events;
}

export const stateAfter = (events: readonly SlaStreamEvent[]) => fold(slaClockDecider, events);
