import {
  type ComplaintReport,
  nameIn,
  type ReportLanguage,
  type ReportWord,
  wordOf,
} from '@kesu/analytics-domain';
import { reportCharts } from './report-charts';

/** The Content-Security-Policy of the page: no script, no fetch; inline styles and the inline charts only. */
export const REPORT_PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'";

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const shown = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : String(value);

const STYLE = `
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
  h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.6em; }
  table { border-collapse: collapse; margin: .6em 0; } td, th { border: 1px solid #bbb; padding: .25em .6em; text-align: right; }
  th:first-child, td:first-child { text-align: left; } .meta { color: #555; font-size: .9em; }
  .chart { page-break-inside: avoid; margin: .8em 0; } .text { white-space: pre-wrap; }
  @page { size: A4; margin: 15mm; } @media print { body { margin: 0; } h2 { page-break-after: avoid; } }
`;

/** A printable HTML page of the report with its charts as inline SVG: it prints without any script. */
export function reportPage(report: ComplaintReport, language: ReportLanguage): string {
  const w = (word: ReportWord) => escapeHtml(wordOf(language, word));
  const name = (value: { zh: string; en: string }) => escapeHtml(nameIn(language, value));
  const charts = reportCharts(report, language);
  const row = (cells: readonly (string | number | null)[]) =>
    `<tr>${cells.map((cell) => `<td>${typeof cell === 'string' ? cell : shown(cell)}</td>`).join('')}</tr>`;
  const head = (words: readonly ReportWord[]) =>
    `<tr>${words.map((word) => `<th>${w(word)}</th>`).join('')}</tr>`;
  const t = report.totals;
  const overview: [ReportWord, number | null][] = [
    ['received', t.received],
    ['resolvedOnTheSpot', t.resolvedOnTheSpot],
    ['ticketed', t.ticketed],
    ['accepted', t.accepted],
    ['rejected', t.rejected],
    ['closed', t.closed],
    ['closureRate', t.closureRate],
    ['surveyed', t.surveyed],
    ['satisfied', t.satisfied],
    ['unsatisfied', t.unsatisfied],
    ['satisfactionRate', t.satisfactionRate],
    ['onTimeRate', t.onTimeRate],
    ['breached', t.breached],
    ['escalated', t.escalated],
    ['reopened', t.reopened],
    ['repeats', t.repeats],
    ['avgResolutionHours', t.avgResolutionHours],
    ['p90ResolutionHours', t.p90ResolutionHours],
  ];
  const compensation = Object.entries(t.compensationPaid).map(([currency, amount]) =>
    row([`${w('compensationPaid')} ${escapeHtml(currency)}`, amount]),
  );
  const findings = report.findings;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<title>${name(report.unit.name)} ${escapeHtml(report.period.label)} ${w(report.period.kind)}</title>
<style>${STYLE}</style></head><body>
<h1>${name(report.unit.name)} ${escapeHtml(report.period.label)} ${w(report.period.kind)}</h1>
<p class="meta">${w('period')}: ${report.period.from} – ${report.period.to} · ${w(report.status)}${
    report.generation === null ? '' : ` #${report.generation}`
  } · ${w('generatedAt')}: ${escapeHtml(report.generatedAt)} · SHA-256 ${report.figuresHash}</p>
<h2>${w('overview')}</h2>
<table>${overview.map(([word, value]) => row([w(word), value])).join('')}${compensation.join('')}</table>
<h2>${w('branches')}</h2>
<table>${head(['unit', 'received', 'share', 'resolvedOnTheSpot', 'ticketed', 'closureRate', 'unsatisfied', 'satisfactionRate'])}
${report.branches
  .map((b) =>
    row([
      name(b.name),
      b.received,
      b.share,
      b.resolvedOnTheSpot,
      b.ticketed,
      b.closureRate,
      b.unsatisfied,
      b.satisfactionRate,
    ]),
  )
  .join('')}</table>
<div class="chart">${charts.branches}</div>
<h2>${w('causes')}</h2>
<table>${head(['cause', 'received', 'share', 'previous', 'growth'])}
${report.causes.map((c) => row([name(c.name), c.received, c.share, c.previous, c.growth])).join('')}</table>
<div class="chart">${charts.causes}</div>
<h2>${w('trend')}</h2>
<table>${head(['period', 'received', 'growth'])}
${row([`${w('previousPeriod')} ${escapeHtml(report.trend.previousPeriod.label)}`, report.trend.previousPeriod.received, report.trend.previousPeriod.growth])}
${row([`${w('lastYear')} ${escapeHtml(report.trend.lastYear.label)}`, report.trend.lastYear.received, report.trend.lastYear.growth])}</table>
<div class="chart">${charts.trend}</div>
<h2>${w('hotSpots')}</h2>
${
  report.hotSpots.length === 0
    ? `<p>${w('none')}</p>`
    : `<table>${head(['cause', 'received', 'previous', 'rise'])}${report.hotSpots
        .map((c) => row([name(c.name), c.received, c.previous, c.rise]))
        .join('')}</table>`
}
<h2>${w('findings')}</h2>
<p class="text">${findings ? escapeHtml(findings.findings) : w('none')}</p>
<h2>${w('suggestions')}</h2>
<p class="text">${findings ? escapeHtml(findings.suggestions) : w('none')}</p>
</body></html>
`;
}
