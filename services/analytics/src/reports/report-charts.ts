import { type ComplaintReport, nameIn, type ReportLanguage, wordOf } from '@kesu/analytics-domain';
import * as echarts from 'echarts';

/** The charts of a report's page, each an SVG text rendered on the server (no script in the page). */
export interface ReportCharts {
  readonly causes: string;
  readonly branches: string;
  readonly trend: string;
}

const WIDTH = 680;
const HEIGHT = 300;
const FONT = { fontFamily: 'sans-serif' };

/** Renders one chart to an SVG text with ECharts' server-side renderer. */
function svgOf(option: echarts.EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: FONT, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The report's charts: shares per cause (pie), complaints per branch (bars), the course within the period (lines). */
export function reportCharts(report: ComplaintReport, language: ReportLanguage): ReportCharts {
  const w = (word: Parameters<typeof wordOf>[1]) => wordOf(language, word);
  return {
    causes: svgOf({
      title: { text: w('causes'), left: 'center', textStyle: { fontSize: 14 } },
      series: [
        {
          type: 'pie',
          radius: ['30%', '60%'],
          label: { formatter: '{b}: {c} ({d}%)' },
          data: report.causes.map((cause) => ({ name: nameIn(language, cause.name), value: cause.received })),
        },
      ],
    }),
    branches: svgOf({
      title: { text: w('branches'), left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 64 },
      xAxis: {
        type: 'category',
        axisLabel: { interval: 0, rotate: 30 },
        data: report.branches.map((branch) => nameIn(language, branch.name)),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          stack: 'all',
          name: w('resolvedOnTheSpot'),
          data: report.branches.map((b) => b.resolvedOnTheSpot),
        },
        { type: 'bar', stack: 'all', name: w('ticketed'), data: report.branches.map((b) => b.ticketed) },
      ],
    }),
    trend: svgOf({
      title: { text: w('trend'), left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 48 },
      xAxis: { type: 'category', data: report.trend.points.map((point) => point.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name: w('received'), data: report.trend.points.map((point) => point.received) },
        { type: 'line', name: w('closed'), data: report.trend.points.map((point) => point.closed) },
      ],
    }),
  };
}
