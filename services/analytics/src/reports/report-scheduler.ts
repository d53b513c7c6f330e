import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { lastEndedPeriod, onOrAfterReportDay, REPORT_KINDS } from '@kesu/analytics-domain';
import { BackgroundWorkers, EVENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { KpiBuilds } from '../kpi/kpi-builds';
import { KpiRollupStore } from '../kpi/kpi-rollup-store';
import { ROLLUP_BATCH_SIZE } from '../kpi/kpi-rollup.worker';
import { ReportAddresses } from './report-address';
import { ReportIssues } from './report-issues';
import { ReportSettingsStore } from './report-settings';

/** How often the schedule looks for reports due (ms). */
export const REPORT_SCHEDULE_TICK_MS = 15 * 60_000;

/**
 * Generates each tenant's reports by itself: from the tenant's report day on (its calendar), the
 * last month's and the last quarter's reports of the tenant's top unit are issued once — a
 * ComplaintReportIssued recorded by the service — unless already issued (by the schedule or an
 * analyst). A pass every REPORT_SCHEDULE_TICK_MS with the background workers, one at a time, and
 * only while the live rollups are current (not right after a start, nor during a first build).
 */
@Injectable()
export class ReportScheduler implements OnModuleInit {
  private readonly logger = new Logger(ReportScheduler.name);
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<number>;

  constructor(
    private readonly workers: BackgroundWorkers,
    private readonly directory: OrgDirectory,
    private readonly addresses: ReportAddresses,
    private readonly issues: ReportIssues,
    private readonly settings: ReportSettingsStore,
    private readonly builds: KpiBuilds,
    private readonly rollups: KpiRollupStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.workers.register({
      name: 'analytics.report-schedule',
      start: () => {
        this.timer = setInterval(() => void this.tick(), REPORT_SCHEDULE_TICK_MS);
        this.timer.unref();
      },
      stop: async () => {
        clearInterval(this.timer);
        await this.ticking;
      },
    });
  }

  /** One pass over the tenants; answers how many reports it issued. */
  tick(): Promise<number> {
    this.ticking ??= this.issueDue()
      .catch((error: unknown) => {
        this.logger.error(`report schedule: ${String(error)}`);
        return 0;
      })
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** Whether the rollups queries read are live and within a batch of the store's head (else: next pass). */
  private async rollupsCurrent(): Promise<boolean> {
    const state = await this.builds.state();
    if (state.live === null || state.building !== null) return false;
    const head = await this.store.headPosition();
    return (await this.rollups.position(state.live)) + ROLLUP_BATCH_SIZE >= head;
  }

  private async issueDue(): Promise<number> {
    let issued = 0;
    if (!(await this.rollupsCurrent())) return 0;
    for (const tenant of this.directory.allTenants()) {
      const today = this.addresses.today(tenant.tenantId);
      if (!onOrAfterReportDay(today, await this.settings.of(tenant.tenantId))) continue;
      const top = tenant.units.find((unit) => unit.parentId === null);
      if (!top) continue;
      const principal = scheduleOf(tenant.tenantId, top.id);
      for (const kind of REPORT_KINDS) {
        const address = { tenantId: tenant.tenantId, unitId: top.id, period: lastEndedPeriod(kind, today) };
        if ((await this.issues.state(address)).issued) continue;
        await this.issues.issueScheduled(principal, address);
        issued += 1;
      }
    }
    return issued;
  }
}

/** The schedule acting for a tenant: its whole org tree, no person. */
const scheduleOf = (tenantId: string, topUnitId: string): Principal => ({
  tenantId,
  userId: 'system',
  username: 'system',
  displayName: 'Report schedule',
  roles: [],
  branchScope: [topUnitId],
});
