import type { ComplaintReport } from './report-document';
import { nameIn, type ReportLanguage, type ReportWord, wordOf } from './report-labels';

// ---------------------------------------------------------------- a report as CSV (one figure a row)

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: quoted when needed; a text that a spreadsheet would run as a formula is defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const TOTALS: readonly ReportWord[] = [
  'received',
  'accepted',
  'rejected',
  'resolvedOnTheSpot',
  'ticketed',
  'onTheSpotShare',
  'resolved',
  'closed',
  'closureRate',
  'surveyed',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'satisfactionRate',
  'basicallySatisfiedRate',
  'onTimeRate',
  'breached',
  'escalated',
  'escalationRate',
  'reopened',
  'repeats',
  'repeatRate',
  'avgResolutionHours',
  'p90ResolutionHours',
];
const BRANCH: readonly ReportWord[] = [
  'received',
  'share',
  'resolvedOnTheSpot',
  'ticketed',
  'closed',
  'closureRate',
  'surveyed',
  'unsatisfied',
  'satisfactionRate',
];
const CAUSE = ['received', 'share', 'previous', 'rise', 'growth'] as const;

/**
 * The report as CSV in long form — section, key, name, metric, value — with a header row in the
 * report's language, so it loads into a spreadsheet or a script alike. Keys stay stable across
 * languages; names and metrics are in the language asked for.
 */
export function reportCsv(report: ComplaintReport, language: ReportLanguage): string {
  const w = (word: ReportWord) => wordOf(language, word);
  const rows: (string | number | null)[][] = [[w('section'), w('key'), w('name'), w('metric'), w('value')]];
  const totals = report.totals as unknown as Record<string, number | null>;
  const unitName = nameIn(language, report.unit.name);
  rows.push([
    'period',
    report.period.label,
    w(report.period.kind),
    w('period'),
    `${report.period.from}/${report.period.to}`,
  ]);
  for (const metric of TOTALS)
    rows.push(['totals', report.unit.id, unitName, w(metric), totals[metric] ?? null]);
  for (const [currency, amount] of Object.entries(report.totals.compensationPaid))
    rows.push(['totals', report.unit.id, unitName, `${w('compensationPaid')} ${currency}`, amount]);
  for (const branch of report.branches) {
    const values = branch as unknown as Record<string, number | null>;
    for (const metric of BRANCH)
      rows.push(['branch', branch.unitId, nameIn(language, branch.name), w(metric), values[metric] ?? null]);
  }
  for (const cause of report.causes)
    for (const metric of CAUSE)
      rows.push(['cause', cause.key, nameIn(language, cause.name), w(metric), cause[metric]]);
  for (const spot of report.hotSpots)
    rows.push(['hotSpot', spot.key, nameIn(language, spot.name), w('rise'), spot.rise]);
  for (const side of ['previousPeriod', 'lastYear'] as const) {
    const comparison = report.trend[side];
    rows.push(['trend', comparison.label, w(side), w('received'), comparison.received]);
    rows.push(['trend', comparison.label, w(side), w('growth'), comparison.growth]);
  }
  for (const point of report.trend.points) {
    rows.push(['course', point.key, point.key, w('received'), point.received]);
    rows.push(['course', point.key, point.key, w('closed'), point.closed]);
  }
  if (report.findings) {
    rows.push(['findings', 'findings', w('findings'), w('findings'), report.findings.findings]);
    rows.push(['findings', 'suggestions', w('suggestions'), w('suggestions'), report.findings.suggestions]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
