import type { ReportSettingsChanged } from '@kesu/analytics-contracts';
import { type Decider, InvalidInputError } from '@kesu/kernel';

// ---------------------------------------------------------------- when a tenant's reports are generated

/** A tenant's report settings. */
export interface ReportSettings {
  /** The day of the month (1–28) from which the reports of the periods just ended are generated. */
  readonly reportDay: number;
}

/** The seeds' "statistics before the 30th of each month": the 25th, for the previous month. */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = { reportDay: 25 };

/** Change the report settings, saying why. */
export interface ChangeReportSettings {
  readonly type: 'ChangeReportSettings';
  readonly reportDay: number;
  readonly reason: string;
  readonly at: string;
}

/** The decider of a tenant's analytics settings stream. */
export const reportSettingsDecider: Decider<ChangeReportSettings, ReportSettingsChanged, ReportSettings> = {
  initialState: () => DEFAULT_REPORT_SETTINGS,
  decide(command, state) {
    if (!Number.isInteger(command.reportDay) || command.reportDay < 1 || command.reportDay > 28) {
      throw new InvalidInputError([
        { field: 'reportDay', message: 'reportDay must be a whole day of the month from 1 to 28' },
      ]);
    }
    if (command.reportDay === state.reportDay) return [];
    return [
      {
        type: 'ReportSettingsChanged',
        data: { reportDay: command.reportDay, reason: command.reason, changedAt: command.at },
      },
    ];
  },
  evolve: (_state, event) => ({ reportDay: event.data.reportDay }),
};

/** Whether a day (`YYYY-MM-DD`) is on or after the tenant's report day of its month. */
export const onOrAfterReportDay = (day: string, settings: ReportSettings): boolean =>
  Number(day.slice(8, 10)) >= settings.reportDay;
