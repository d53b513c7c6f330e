import { yearProblems } from '@kesu/calendar';
import { type Decider, InvalidInputError, canonicalJson } from '@kesu/kernel';
import type { SlaCalendarYear, SlaPolicy, SlaSettingsEvent } from '@kesu/sla-contracts';
import { DEFAULT_SLA_POLICY, slaPolicyProblems } from './policy';

/** A tenant's SLA settings: its policy (the default before the first change) and the years it loaded. */
export interface SlaSettingsState {
  readonly policy: SlaPolicy;
  readonly version: number;
  readonly years: Readonly<Record<string, SlaCalendarYear>>;
}

export type SlaSettingsCommand =
  | { type: 'ChangeSlaPolicy'; tenantId: string; policy: SlaPolicy; by: string; at: string }
  | { type: 'LoadCalendarYear'; tenantId: string; calendar: SlaCalendarYear; by: string; at: string };

export const initialSlaSettings = (): SlaSettingsState => ({
  policy: DEFAULT_SLA_POLICY,
  version: 0,
  years: {},
});

export function evolveSlaSettings(state: SlaSettingsState, event: SlaSettingsEvent): SlaSettingsState {
  return event.type === 'SlaPolicyChanged'
    ? { ...state, policy: event.data.policy, version: event.data.version }
    : { ...state, years: { ...state.years, [String(event.data.calendar.year)]: event.data.calendar } };
}

/**
 * Validates a change of a tenant's SLA settings (each bad field named, 400) and records it; the
 * settings in force again record nothing.
 */
export function decideSlaSettings(command: SlaSettingsCommand, state: SlaSettingsState): SlaSettingsEvent[] {
  if (command.type === 'ChangeSlaPolicy') {
    const problems = slaPolicyProblems(command.policy);
    if (problems.length > 0) throw new InvalidInputError(problems);
    if (state.version > 0 && canonicalJson(state.policy) === canonicalJson(command.policy)) return [];
    const { tenantId, policy, by: changedBy, at: changedAt } = command;
    return [
      {
        type: 'SlaPolicyChanged',
        data: { tenantId, policy, version: state.version + 1, changedBy, changedAt },
      },
    ];
  }
  const problems = yearProblems(command.calendar, '');
  if (problems.length > 0) throw new InvalidInputError(problems);
  const before = state.years[String(command.calendar.year)];
  if (before && canonicalJson(before) === canonicalJson(command.calendar)) return [];
  const { tenantId, calendar, by: loadedBy, at: loadedAt } = command;
  return [{ type: 'SlaCalendarLoaded', data: { tenantId, calendar, loadedBy, loadedAt } }];
}

/** A tenant's SLA settings stream (`sla-settings-<tenant>`). */
export const slaSettingsDecider: Decider<SlaSettingsCommand, SlaSettingsEvent, SlaSettingsState> = {
  decide: decideSlaSettings,
  evolve: evolveSlaSettings,
  initialState: initialSlaSettings,
};
