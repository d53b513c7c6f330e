import type { TFunction } from 'i18next';
import { categoryLabel } from '../../shell/labels';
import type { KpiCause, KpiGroup } from './kpis';

/** The trend: complaints received and closed per day. */
export const trendOption = (t: TFunction, days: readonly KpiGroup[]) => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0, data: [t('kpi.received'), t('kpi.closed')] },
  grid: { left: 40, right: 16, bottom: 30, top: 40 },
  xAxis: { type: 'category', data: days.map((d) => d.key) },
  yAxis: { type: 'value', minInterval: 1 },
  series: [
    { name: t('kpi.received'), type: 'line', smooth: true, data: days.map((d) => d.received) },
    { name: t('kpi.closed'), type: 'line', smooth: true, data: days.map((d) => d.closed) },
  ],
});

/** Per branch: received (bars) and the on-time rate. */
export const branchOption = (t: TFunction, branches: readonly KpiGroup[]) => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0, data: [t('kpi.received'), t('kpi.onTimeRate')] },
  grid: { left: 40, right: 40, bottom: 30, top: 40 },
  xAxis: { type: 'category', data: branches.map((b) => t(`branch.${b.key}`, { defaultValue: b.key })) },
  yAxis: [
    { type: 'value', minInterval: 1 },
    { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
  ],
  series: [
    { name: t('kpi.received'), type: 'bar', data: branches.map((b) => b.received) },
    { name: t('kpi.onTimeRate'), type: 'line', yAxisIndex: 1, data: branches.map((b) => b.onTimeRate) },
  ],
});

/** The share of each cause (category). */
export const causesOption = (t: TFunction, causes: readonly KpiCause[]) => ({
  tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
  legend: { type: 'scroll', bottom: 0 },
  series: [
    {
      type: 'pie',
      radius: ['35%', '65%'],
      data: causes.map((c) => ({ name: categoryLabel(t, c.key), value: c.received })),
    },
  ],
});

/** A rate in percent as a gauge (satisfaction, on time). */
export const gaugeOption = (name: string, value: number | null | undefined) => ({
  series: [
    {
      type: 'gauge',
      min: 0,
      max: 100,
      progress: { show: true },
      detail: { formatter: value === null || value === undefined ? '—' : '{value}%', fontSize: 20 },
      data: [{ name, value: value ?? 0 }],
    },
  ],
});
