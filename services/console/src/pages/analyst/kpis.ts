import { get } from '../../api/http';

/** One group of the KPIs (`GET /api/v1/analytics/kpis`). */
export interface KpiGroup {
  readonly key: string;
  readonly received: number;
  readonly accepted: number;
  readonly closed: number;
  readonly resolvedWithinSla: number;
  readonly breached: number;
  readonly satisfied: number;
  readonly surveyed: number;
  readonly satisfactionRate: number | null;
  readonly closureRate: number | null;
  readonly onTimeRate: number | null;
  readonly avgResolutionHours: number | null;
  readonly reopened: number;
  readonly escalated: number;
  readonly share?: number | null;
}

export interface KpiCause {
  readonly key: string;
  readonly received: number;
  readonly share: number | null;
  readonly growth: number | null;
}

export interface Kpis {
  readonly from: string;
  readonly to: string;
  readonly groups: readonly KpiGroup[];
  readonly total: Partial<KpiGroup>;
  readonly previousPeriod: { readonly received: number; readonly growth: number | null };
  readonly lastYear: { readonly received: number; readonly growth: number | null };
  readonly causes: readonly KpiCause[];
  readonly hotSpots: readonly KpiCause[];
}

export interface KpiFilters {
  readonly from?: string;
  readonly to?: string;
  readonly branchId?: string;
}

export const loadKpis = (filters: KpiFilters, groupBy?: string) =>
  get<Kpis>('/api/v1/analytics/kpis', { ...filters, groupBy });

const COLUMNS: readonly (keyof KpiGroup)[] = [
  'key',
  'received',
  'accepted',
  'closed',
  'resolvedWithinSla',
  'breached',
  'surveyed',
  'satisfied',
  'satisfactionRate',
  'closureRate',
  'onTimeRate',
  'avgResolutionHours',
  'reopened',
  'escalated',
];

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The groups as CSV (a header line, then one line per group). */
export function kpisCsv(groups: readonly KpiGroup[]): string {
  return (
    [COLUMNS.join(','), ...groups.map((g) => COLUMNS.map((c) => cell(g[c])).join(','))].join('\n') + '\n'
  );
}
