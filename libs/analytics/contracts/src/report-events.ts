import type { DomainEvent } from '@kesu/kernel';

/** A report generated and kept: its figures as issued and their hash. */
export interface ComplaintReportIssuedData {
  readonly tenantId: string;
  readonly unitId: string;
  /** `monthly` or `quarterly`. */
  readonly kind: string;
  /** `YYYY-MM` or `YYYY-Qn`. */
  readonly period: string;
  /** 1 for the period's first report, then one more per generation. */
  readonly generation: number;
  /** `schedule` (the tenant's report day) or `request` (an analyst asked). */
  readonly trigger: string;
  readonly issuedAt: string;
  /** `system` for the schedule, else the user id of the analyst who asked. */
  readonly issuedBy: string;
  /** The report's figures (`kesu.complaint-report.v1`): sums only, no personal data. */
  readonly figures: Readonly<Record<string, unknown>>;
  /** SHA-256 of the figures' canonical JSON. */
  readonly figuresHash: string;
}

/** The analyst's findings and suggestions on a report (存在问题 / 几点建议), replacing earlier ones. */
export interface ReportFindingsWrittenData {
  readonly tenantId: string;
  readonly unitId: string;
  readonly kind: string;
  readonly period: string;
  readonly findings: string;
  readonly suggestions: string;
  readonly writtenAt: string;
  /** The user id of the analyst. */
  readonly writtenBy: string;
}

export type ComplaintReportIssued = DomainEvent<'ComplaintReportIssued', ComplaintReportIssuedData>;
export type ReportFindingsWritten = DomainEvent<'ReportFindingsWritten', ReportFindingsWrittenData>;
/** The events of a report's stream. */
export type ReportEvent = ComplaintReportIssued | ReportFindingsWritten;
