import type { CaseSettings, CaseSettingsChanged } from '@kesu/assignment-contracts';
import { canonicalJson, type Decider, InvalidInputError } from '@kesu/kernel';
import { hasVisibleText } from '@kesu/text';
import { DEFAULT_CASE_SETTINGS } from './authority';
import { validateCaseSettings } from './case-settings-validation';

/** A tenant's case settings as its stream leaves them: the built-in ones (version 0) before the first change. */
export interface CaseSettingsState {
  readonly settings: CaseSettings;
  readonly version: number;
}

/** Replace the tenant's case settings as a whole, saying why (an administrator's change). */
export interface ChangeCaseSettings {
  readonly type: 'ChangeCaseSettings';
  readonly tenantId: string;
  readonly settings: CaseSettings;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/**
 * Records CaseSettingsChanged with the next version, who and why; settings that are not valid are
 * refused naming each field (400), and so is a blank reason. The settings in force again record
 * nothing — but a tenant's first change always records, even when it writes the built-in settings:
 * from then on they are the tenant's own data.
 */
export function decideCaseSettings(
  command: ChangeCaseSettings,
  state: CaseSettingsState,
): CaseSettingsChanged[] {
  const problems = validateCaseSettings(command.settings);
  if (!hasVisibleText(command.reason)) problems.push({ field: 'reason', message: 'say why' });
  if (problems.length > 0) throw new InvalidInputError(problems);
  if (state.version > 0 && canonicalJson(command.settings) === canonicalJson(state.settings)) return [];
  const { tenantId, settings, reason, by, at } = command;
  return [
    {
      type: 'CaseSettingsChanged',
      data: { tenantId, settings, version: state.version + 1, changedBy: by, reason, changedAt: at },
    },
  ];
}

/** A tenant's case settings (authority limits, root causes): validated, every change with who and why. */
export const caseSettingsDecider: Decider<ChangeCaseSettings, CaseSettingsChanged, CaseSettingsState> = {
  decide: decideCaseSettings,
  evolve: (_state, event) => ({ settings: event.data.settings, version: event.data.version }),
  initialState: () => ({ settings: DEFAULT_CASE_SETTINGS, version: 0 }),
};
