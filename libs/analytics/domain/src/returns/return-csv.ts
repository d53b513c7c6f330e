import { csvField } from '../report/report-csv';
import { nameIn, type ReportLanguage } from '../report/report-labels';
import type { RegulatorReturn, ReturnRow } from './regulator-returns';

const HEADERS = {
  'zh-CN': ['受理', '办结', '3日内办结', '时限内办结', '超期办结', '支持(认定成立)', '支持率(%)'],
  en: [
    'Opened',
    'Closed',
    'Closed within 3 days',
    'Closed within the limit',
    'Closed later',
    'Upheld',
    'Upheld (%)',
  ],
} as const;

/** A return as CSV: one row per product or category and the total; redress in a column per currency. */
export function returnCsv(ret: RegulatorReturn, language: ReportLanguage): string {
  const currencies = [
    ...new Set([ret.total, ...ret.rows].flatMap((row) => Object.keys(row.redressPaid))),
  ].sort();
  const redress = language === 'en' ? 'Redress paid' : '赔付金额';
  const header = [
    nameIn(language, ret.pack.rowsAre),
    ...HEADERS[language],
    ...currencies.map((c) => `${redress} ${c}`),
  ];
  const line = (row: ReturnRow) => [
    row.key === 'total' ? nameIn(language, row.name) : `${nameIn(language, row.name)} (${row.key})`,
    row.opened,
    row.closed,
    row.closedWithin3Days,
    row.closedWithinLimit,
    row.closedLater,
    row.upheld,
    row.upheldShare,
    ...currencies.map((currency) => row.redressPaid[currency] ?? 0),
  ];
  const rows = [header, ...ret.rows.map(line), line(ret.total)];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
