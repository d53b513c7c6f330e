import { createHash } from 'node:crypto';
import { canonicalJson } from '@kesu/kernel';
import type { ReportFigures } from './report';

// ---------------------------------------------------------------- a report as issued

/** The analyst's part of a report (存在问题 and 几点建议), written after the figures. */
export interface ReportFindings {
  readonly findings: string;
  readonly suggestions: string;
  readonly writtenBy: string;
  readonly writtenAt: string;
}

/** How a report came to be: issued (a generation recorded as an event) or a draft computed now. */
export interface ReportIssue {
  readonly status: 'issued' | 'draft';
  /** The generation of the period's report (1 for the first), null for a draft. */
  readonly generation: number | null;
  readonly generatedAt: string;
  /** `system` when the tenant's day generated it, else the user id of the analyst who asked. */
  readonly generatedBy: string;
  /** SHA-256 of the figures' canonical JSON: the figures read again are the figures issued. */
  readonly figuresHash: string;
}

/** A report: its figures, how it was issued, and the analyst's findings. */
export type ComplaintReport = ReportFigures & ReportIssue & { readonly findings: ReportFindings | null };

/** The hash a generation records for its figures. */
export const reportFiguresHash = (figures: ReportFigures): string =>
  createHash('sha256').update(canonicalJson(figures)).digest('hex');
