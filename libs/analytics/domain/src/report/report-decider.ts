import type {
  ComplaintReportIssuedData,
  ReportEvent,
  ReportFindingsWrittenData,
} from '@kesu/analytics-contracts';
import { type Decider, DomainRuleViolation } from '@kesu/kernel';

// ---------------------------------------------------------------- a report's stream: its generations and findings

/** Where a report stands: its latest generation as issued, and the analyst's latest findings. */
export interface ReportState {
  readonly issued: ComplaintReportIssuedData | null;
  readonly findings: ReportFindingsWrittenData | null;
}

/** Keep a generation of the report: recorded unless its figures are those of the latest generation. */
export interface IssueReport {
  readonly type: 'IssueReport';
  readonly issue: Omit<ComplaintReportIssuedData, 'generation'>;
}

/** Write the analyst's findings and suggestions on the issued report. */
export interface WriteReportFindings {
  readonly type: 'WriteReportFindings';
  readonly findings: ReportFindingsWrittenData;
}

export type ReportCommand = IssueReport | WriteReportFindings;

/** The decider of a report's stream. */
export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  initialState: () => ({ issued: null, findings: null }),
  decide(command, state) {
    if (command.type === 'IssueReport') {
      if (state.issued?.figuresHash === command.issue.figuresHash) return [];
      const generation = (state.issued?.generation ?? 0) + 1;
      return [{ type: 'ComplaintReportIssued', data: { ...command.issue, generation } }];
    }
    if (!state.issued) {
      throw new DomainRuleViolation(
        'report.not_issued',
        'the report has not been issued yet: generate it before writing findings',
      );
    }
    const { findings, suggestions } = command.findings;
    if (state.findings?.findings === findings && state.findings.suggestions === suggestions) return [];
    return [{ type: 'ReportFindingsWritten', data: command.findings }];
  },
  evolve(state, event) {
    return event.type === 'ComplaintReportIssued'
      ? { ...state, issued: event.data }
      : { ...state, findings: event.data };
  },
};
