import type { KpiCounts } from '../kpi/kpi-rollup';
import { buildReportFigures, type ReportInput } from './report';
import { csvField, reportCsv } from './report-csv';
import { reportDecider } from './report-decider';
import { reportFiguresHash } from './report-document';
import {
  lastEndedPeriod,
  previousPeriodOf,
  reportPeriodOf,
  samePeriodLastYearOf,
  trendKeysOf,
} from './report-period';
import { onOrAfterReportDay, reportSettingsDecider } from './report-settings';

const name = (id: string) => ({ zh: `${id}-zh`, en: `${id}-en` });
const period = reportPeriodOf('monthly', '2026-09');

/** The seeds' year: 327 calls, 279 on the spot, 48 tickets, 326 satisfied (99.7 %); 200 the month before, 203 a year before. */
const input = (more: Partial<ReportInput> = {}): ReportInput => ({
  tenantId: 't',
  unit: { id: 'hq', name: name('hq') },
  period,
  previousPeriod: previousPeriodOf(period),
  lastYear: samePeriodLastYearOf(period),
  total: {
    received: 327,
    resolvedOnTheSpot: 279,
    surveyed: 327,
    satisfied: 326,
    unsatisfied: 1,
    accepted: 3,
    closed: 1,
  },
  byBranch: new Map<string, KpiCounts>([
    ['b1', { received: 8 }],
    ['b2', { received: 6, resolvedOnTheSpot: 0, surveyed: 6, unsatisfied: 1, satisfied: 5 }],
  ]),
  byCategory: new Map<string, KpiCounts>([
    ['attitude', { received: 4 }],
    ['communication', { received: 4 }],
    ['fees', { received: 2 }],
    ['other', { received: 2 }],
  ]),
  byCategoryBefore: new Map<string, KpiCounts>([['fees', { received: 3 }]]),
  previousTotal: { received: 200 },
  lastYearTotal: { received: 203 },
  trend: new Map<string, KpiCounts>([['2026-09-15', { received: 327, closed: 1 }]]),
  grain: 'day',
  nameOfUnit: name,
  nameOfCategory: name,
  ...more,
});

describe('report periods', () => {
  it('names months and quarters, the one before, the same one a year before, and the last ended', () => {
    expect(period).toEqual({ kind: 'monthly', label: '2026-09', from: '2026-09-01', to: '2026-09-30' });
    expect(previousPeriodOf(reportPeriodOf('monthly', '2026-01')).label).toBe('2025-12');
    const q1 = reportPeriodOf('quarterly', '2024-Q1');
    expect(q1).toEqual({ kind: 'quarterly', label: '2024-Q1', from: '2024-01-01', to: '2024-03-31' });
    expect(previousPeriodOf(q1).label).toBe('2023-Q4');
    expect(samePeriodLastYearOf(reportPeriodOf('monthly', '2024-02')).to).toBe('2023-02-28');
    expect(lastEndedPeriod('monthly', '2026-12-06').label).toBe('2026-11');
    expect(lastEndedPeriod('quarterly', '2026-12-06').label).toBe('2026-Q3');
    expect(lastEndedPeriod('quarterly', '2027-01-01').label).toBe('2026-Q4');
    expect(trendKeysOf(reportPeriodOf('monthly', '2024-02'))).toHaveLength(29);
    expect(trendKeysOf(q1)).toEqual(['2024-01', '2024-02', '2024-03']);
  });
});

describe('buildReportFigures', () => {
  it('gives the seeds’ figures: on the spot vs. ticketed, satisfaction, closure, shares, growth', () => {
    const figures = buildReportFigures(input());
    expect(figures.totals).toMatchObject({
      received: 327,
      resolvedOnTheSpot: 279,
      ticketed: 48,
      onTheSpotShare: 85.3,
      satisfactionRate: 99.7,
      closureRate: 33.3,
    });
    expect(figures.branches[1]).toMatchObject({
      unitId: 'b2',
      ticketed: 6,
      unsatisfied: 1,
      satisfactionRate: 83.3,
    });
    expect(figures.causes.map((c) => [c.key, c.share])).toEqual([
      ['attitude', 33.3],
      ['communication', 33.3],
      ['fees', 16.7],
      ['other', 16.7],
    ]);
    expect(figures.hotSpots.map((c) => [c.key, c.rise, c.name.en])).toEqual([
      ['attitude', 4, 'attitude-en'],
      ['communication', 4, 'communication-en'],
      ['other', 2, 'other-en'],
    ]);
    expect(figures.trend.previousPeriod).toMatchObject({ label: '2026-08', received: 200, growth: 63.5 });
    expect(figures.trend.lastYear).toMatchObject({ label: '2025-09', received: 203, growth: 61.1 });
    expect(figures.trend.points).toHaveLength(30);
    expect(figures.trend.points[0]).toEqual({ key: '2026-09-01', received: 0, closed: 0 });
    expect(figures.trend.points[14]).toEqual({ key: '2026-09-15', received: 327, closed: 1 });
  });

  it('hashes the figures the same whatever the order of their keys', () => {
    const figures = buildReportFigures(input());
    const reordered = Object.fromEntries(Object.entries(figures).reverse()) as unknown as typeof figures;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(figures));
    expect(reportFiguresHash(reordered)).toBe(reportFiguresHash(figures));
    expect(reportFiguresHash(buildReportFigures(input({ previousTotal: { received: 201 } })))).not.toBe(
      reportFiguresHash(figures),
    );
  });
});

describe('reportCsv', () => {
  it('quotes what needs it and defuses what a spreadsheet would run', () => {
    expect([
      csvField('a,b'),
      csvField('say "hi"'),
      csvField('=1+1'),
      csvField('-2'),
      csvField(3),
      csvField(null),
    ]).toEqual(['"a,b"', '"say ""hi"""', "'=1+1", "'-2", '3', '']);
    const figures = buildReportFigures(input());
    const csv = reportCsv(
      {
        ...figures,
        status: 'draft',
        generation: null,
        generatedAt: 'x',
        generatedBy: 'u',
        figuresHash: 'h',
        findings: null,
      },
      'en',
    );
    expect(csv.split('\r\n')).toEqual(
      expect.arrayContaining([
        'section,key,name,metric,value',
        'totals,hq,hq-en,Ticketed,48',
        'cause,fees,fees-en,Share (%),16.7',
        'trend,2025-09,Against the same period last year,Growth (%),61.1',
      ]),
    );
  });
});

describe('reportDecider', () => {
  const issue = (figuresHash: string) => ({
    type: 'IssueReport' as const,
    issue: {
      tenantId: 't',
      unitId: 'hq',
      kind: 'monthly',
      period: '2026-09',
      trigger: 'request',
      issuedAt: 'now',
      issuedBy: 'u',
      figures: {},
      figuresHash,
    },
  });
  const findings = {
    type: 'WriteReportFindings' as const,
    findings: {
      tenantId: 't',
      unitId: 'hq',
      kind: 'monthly',
      period: '2026-09',
      findings: 'f',
      suggestions: 's',
      writtenAt: 'now',
      writtenBy: 'u',
    },
  };

  it('numbers generations, records none for unchanged figures, and takes findings only once issued', () => {
    const empty = reportDecider.initialState();
    expect(() => reportDecider.decide(findings, empty)).toThrow('not been issued');
    const [first] = reportDecider.decide(issue('a'), empty);
    expect(first).toMatchObject({ type: 'ComplaintReportIssued', data: { generation: 1 } });
    const issued = reportDecider.evolve(empty, first!);
    expect(reportDecider.decide(issue('a'), issued)).toEqual([]);
    expect(reportDecider.decide(issue('b'), issued)[0]).toMatchObject({ data: { generation: 2 } });
    const [written] = reportDecider.decide(findings, issued);
    expect(reportDecider.decide(findings, reportDecider.evolve(issued, written!))).toEqual([]);
  });
});

describe('report settings', () => {
  it('takes a day from 1 to 28 and records nothing for the day in force', () => {
    const state = reportSettingsDecider.initialState();
    expect(state.reportDay).toBe(25);
    const change = (reportDay: number) => ({
      type: 'ChangeReportSettings' as const,
      reportDay,
      reason: 'r',
      at: 'now',
    });
    expect(() => reportSettingsDecider.decide(change(29), state)).toThrow();
    expect(() => reportSettingsDecider.decide(change(0), state)).toThrow();
    expect(reportSettingsDecider.decide(change(25), state)).toEqual([]);
    expect(reportSettingsDecider.decide(change(28), state)).toHaveLength(1);
    expect([onOrAfterReportDay('2026-11-24', state), onOrAfterReportDay('2026-11-25', state)]).toEqual([
      false,
      true,
    ]);
  });
});
