import { addWorkingTime, type BusinessCalendar, workingTimeBetween } from '@kesu/calendar';
import { type Decider, DomainRuleViolation, ForbiddenError } from '@kesu/kernel';
import type {
  SlaDeadline,
  SlaDeadlinesReason,
  SlaDuration,
  SlaMilestone,
  SlaPauseReason,
} from '@kesu/sla-contracts';
import {
  type SlaClockState,
  type SlaStreamEvent,
  evolveClock,
  initialClockState,
  isOpen,
} from './clock-state';
import { deadlineOf, dueAfter, isWorkingTime, plus, warnBefore } from './deadlines';
import type { ClockRules } from './policy';

/** The milestones whose clocks start when the complaint is received. */
const FROM_RECEIPT: readonly SlaMilestone[] = [
  'acknowledge',
  'first_contact',
  'respond',
  'resolve',
  'investigation',
];
/** The milestones a government transfer's deadline bounds. */
const GOVERNMENT_BOUND: readonly SlaMilestone[] = ['respond', 'resolve'];

/** Policy and calendar every command that computes deadlines carries (the service reads them). */
interface Planned {
  readonly rules: ClockRules;
  readonly calendar: BusinessCalendar;
  readonly at: string;
}

export type SlaClockCommand =
  | (Planned & {
      type: 'StartClock';
      complaintId: string;
      branchId: string;
      channel: string;
      governmentDeadline?: string;
    })
  | (Planned & { type: 'Classify'; severity?: string; category: string })
  | { type: 'MeetMilestones'; milestones: readonly SlaMilestone[]; at: string }
  | { type: 'Pause'; reason: SlaPauseReason; pausesFor: readonly SlaPauseReason[]; at: string }
  | { type: 'Resume'; reason: SlaPauseReason; calendar: BusinessCalendar; at: string }
  | { type: 'FireTimers'; now: string; lateAfterMs: number }
  | {
      type: 'Stop';
      reason: 'rejected' | 'withdrawn' | 'merged' | 'resolved_on_the_spot' | 'closed';
      at: string;
      /** Milestones the ending meets (a rejection acknowledges, a resolution on the spot resolves). */
      meet?: readonly SlaMilestone[];
    }
  | (Planned & { type: 'Restart'; milestone: SlaMilestone; reason: 'reopened' | 're_review'; dueBy?: string })
  | {
      type: 'RequestExtension';
      milestone: SlaMilestone;
      extendBy: SlaDuration;
      reason: string;
      requestedBy: string;
      rules: ClockRules;
      at: string;
    }
  | (Planned & {
      type: 'DecideExtension';
      approved: boolean;
      decidedBy: string;
      roles: readonly string[];
      note?: string;
    });

/** Shifts a deadline by a pause: working time for a working-time target, elapsed time otherwise. */
function shifted(
  calendar: BusinessCalendar,
  d: SlaDeadline,
  pausedMs: number,
  pausedWorkingMs: number,
): SlaDeadline {
  if (d.source === 'government') return d;
  const by = (at: string) =>
    isWorkingTime(d.target)
      ? addWorkingTime(calendar, at, pausedWorkingMs).at
      : new Date(Date.parse(at) + pausedMs).toISOString();
  return { ...d, dueAt: by(d.dueAt), warnAt: by(d.warnAt) };
}

const same = (a: SlaDeadline, b: SlaDeadline | undefined) =>
  !!b &&
  a.dueAt === b.dueAt &&
  a.warnAt === b.warnAt &&
  a.target.amount === b.target.amount &&
  a.target.unit === b.target.unit;

/** The deadlines of the milestones running from receipt as the rules set them now (only those that changed). */
function plan(state: SlaClockState, { rules, calendar }: Planned): SlaDeadline[] {
  return FROM_RECEIPT.flatMap((milestone) => {
    const target = rules.targets[milestone];
    const current = state.milestones[milestone];
    if (!target || (current && !isOpen(state, current))) return [];
    const gov = GOVERNMENT_BOUND.includes(milestone) ? state.governmentDeadline : undefined;
    const base = deadlineOf(calendar, milestone, state.receivedAt, target, rules.warningThreshold, gov);
    const next = shifted(calendar, base, state.pausedMs, state.pausedWorkingMs);
    return same(next, current) ? [] : [next];
  });
}

const deadlinesSet = (
  complaintId: string,
  reason: SlaDeadlinesReason,
  deadlines: SlaDeadline[],
  setAt: string,
  extra: { severity?: string; category?: string } = {},
): SlaStreamEvent[] =>
  deadlines.length === 0 && reason !== 'classified'
    ? []
    : [{ type: 'SlaDeadlinesSet', data: { complaintId, reason, deadlines, setAt, ...extra } }];

/** The warnings and breaches due by `now` on running clocks, marked late past `lateAfterMs`. */
function fire(state: SlaClockState, now: string, lateAfterMs: number): SlaStreamEvent[] {
  if (state.pause) return [];
  const late = (at: string) => (Date.parse(now) - Date.parse(at) > lateAfterMs ? { late: true } : {});
  const events: SlaStreamEvent[] = [];
  for (const m of Object.values(state.milestones)) {
    if (!isOpen(state, m) || m.breached) continue;
    const { complaintId } = state;
    if (!m.warned && m.warnAt <= now)
      events.push({
        type: 'SlaWarningRaised',
        data: { complaintId, milestone: m.milestone, dueAt: m.dueAt, raisedAt: now, ...late(m.warnAt) },
      });
    if (m.dueAt <= now)
      events.push({
        type: 'SlaBreached',
        data: { complaintId, milestone: m.milestone, dueAt: m.dueAt, breachedAt: now, ...late(m.dueAt) },
      });
  }
  return events;
}

function requestExtension(
  state: SlaClockState,
  c: Extract<SlaClockCommand, { type: 'RequestExtension' }>,
): SlaStreamEvent[] {
  const m = state.milestones[c.milestone];
  if (!isOpen(state, m))
    throw new DomainRuleViolation('milestone_not_running', `${c.milestone} is not running`);
  if (state.pendingExtension)
    throw new DomainRuleViolation('extension_pending', 'an extension awaits its decision');
  const candidates = c.rules.extensions.filter(
    (e) => e.milestone === c.milestone && e.maximum.unit === m.target.unit,
  );
  if (candidates.length === 0 || c.extendBy.unit !== m.target.unit)
    throw new DomainRuleViolation(
      'extension_not_allowed',
      `the policy allows no extension of ${c.milestone} in ${c.extendBy.unit}`,
    );
  const total = plus(m.target, c.extendBy).amount;
  const rule = [...candidates]
    .sort((a, b) => a.maximum.amount - b.maximum.amount)
    .find((e) => e.maximum.amount >= total);
  if (!rule)
    throw new DomainRuleViolation(
      'extension_beyond_maximum',
      `${c.milestone} may not exceed the policy's maximum`,
    );
  const { complaintId } = state;
  const { milestone, extendBy, reason, requestedBy, at: requestedAt } = c;
  return [
    {
      type: 'SlaExtensionRequested',
      data: {
        complaintId,
        milestone,
        extendBy,
        reason,
        requestedBy,
        requestedAt,
        approverRole: rule.approvedBy,
      },
    },
  ];
}

function decideExtension(
  state: SlaClockState,
  c: Extract<SlaClockCommand, { type: 'DecideExtension' }>,
): SlaStreamEvent[] {
  const pending = state.pendingExtension;
  if (!pending) throw new DomainRuleViolation('no_extension_pending', 'no extension awaits a decision');
  if (!c.roles.includes(pending.approverRole))
    throw new ForbiddenError('not_the_approver', `only a ${pending.approverRole} decides this extension`);
  const { complaintId } = state;
  const decided: SlaStreamEvent = {
    type: 'SlaExtensionDecided',
    data: {
      complaintId,
      milestone: pending.milestone,
      approved: c.approved,
      decidedBy: c.decidedBy,
      decidedAt: c.at,
      ...(c.note ? { note: c.note } : {}),
    },
  };
  const m = state.milestones[pending.milestone];
  if (!c.approved || !isOpen(state, m)) return [decided];
  const target = plus(m.target, pending.extendBy);
  const dueAt = dueAfter(c.calendar, m.dueAt, pending.extendBy);
  const warnAt = warnBefore(c.calendar, m.startedAt, dueAt.at, target, c.rules.warningThreshold);
  const { warned: _w, breached: _b, metAt: _m, onTime: _o, ended: _e, ...deadline } = m;
  const next = { ...deadline, target, dueAt: dueAt.at, warnAt, estimated: m.estimated || dueAt.estimated };
  return [decided, ...deadlinesSet(complaintId, 'extended', [next], c.at)];
}

/** The milestones met at `at` that were not met before, each on time or not. */
function meet(state: SlaClockState, milestones: readonly SlaMilestone[], at: string): SlaStreamEvent[] {
  return milestones.flatMap((milestone) => {
    const m = state.milestones[milestone];
    if (!m || m.metAt !== undefined || m.ended) return [];
    const onTime = at <= m.dueAt;
    return [
      {
        type: 'SlaMilestoneMet',
        data: { complaintId: state.complaintId, milestone, dueAt: m.dueAt, metAt: at, onTime },
      } satisfies SlaStreamEvent,
    ];
  });
}

/** Decides what a command records on a complaint's clocks. */
export function decideClock(command: SlaClockCommand, state: SlaClockState): SlaStreamEvent[] {
  const onRequest = command.type === 'RequestExtension' || command.type === 'DecideExtension';
  if (command.type !== 'StartClock' && !onRequest && !state.started) return [];
  switch (command.type) {
    case 'StartClock': {
      if (state.started) return [];
      const { complaintId, branchId, channel, governmentDeadline, at, rules, calendar } = command;
      const started: SlaStreamEvent = {
        type: 'SlaClockStarted',
        data: {
          complaintId,
          startedAt: at,
          channel,
          branchId,
          packId: rules.packId,
          timeZone: calendar.timeZone,
          ...(governmentDeadline ? { governmentDeadline } : {}),
        },
      };
      const after = evolveClock(state, started);
      return [started, ...deadlinesSet(complaintId, 'started', plan(after, command), at)];
    }
    case 'Classify': {
      if (state.stopped) return [];
      if (state.severity === command.severity && state.category === command.category) return [];
      const { severity, category } = command;
      return deadlinesSet(state.complaintId, 'classified', plan(state, command), command.at, {
        severity,
        category,
      });
    }
    case 'MeetMilestones':
      return meet(state, command.milestones, command.at);
    case 'Pause':
      if (state.pause || state.stopped || !command.pausesFor.includes(command.reason)) return [];
      return [
        {
          type: 'SlaClockPaused',
          data: { complaintId: state.complaintId, reason: command.reason, pausedAt: command.at },
        },
      ];
    case 'Resume': {
      if (!state.pause) return [];
      const since = state.pause.since;
      const pausedMs = Math.max(0, Date.parse(command.at) - Date.parse(since));
      const pausedWorkingMs = workingTimeBetween(command.calendar, since, command.at).ms;
      const moved = Object.values(state.milestones)
        .filter((m) => isOpen(state, m) && !m.breached)
        .map(({ warned: _w, breached: _b, metAt: _m, onTime: _o, ended: _e, ...d }) =>
          shifted(command.calendar, d, pausedMs, pausedWorkingMs),
        );
      const { complaintId } = state;
      return [
        {
          type: 'SlaClockResumed',
          data: { complaintId, reason: state.pause.reason, resumedAt: command.at, pausedMs, pausedWorkingMs },
        },
        ...deadlinesSet(complaintId, 'resumed', moved, command.at),
      ];
    }
    case 'FireTimers':
      return fire(state, command.now, command.lateAfterMs);
    case 'Stop':
      if (state.stopped) return [];
      return [
        ...meet(state, command.meet ?? [], command.at),
        {
          type: 'SlaClockStopped',
          data: { complaintId: state.complaintId, reason: command.reason, stoppedAt: command.at },
        },
      ];
    case 'Restart': {
      const target = command.rules.targets[command.milestone];
      if (!target || (state.stopped && command.reason !== 'reopened')) return [];
      const d = deadlineOf(
        command.calendar,
        command.milestone,
        command.at,
        target,
        command.rules.warningThreshold,
        command.dueBy,
      );
      return deadlinesSet(state.complaintId, command.reason, [d], command.at);
    }
    case 'RequestExtension':
      return requestExtension(state, command);
    case 'DecideExtension':
      return decideExtension(state, command);
  }
}

/** A complaint's clocks (`slaStream`). */
export const slaClockDecider: Decider<SlaClockCommand, SlaStreamEvent, SlaClockState> = {
  decide: decideClock,
  evolve: evolveClock,
  initialState: initialClockState,
};
