import { Inject, Injectable } from '@nestjs/common';
import { type ReportEvent, reportStream } from '@kesu/analytics-contracts';
import {
  type ComplaintReport,
  type ReportCommand,
  reportDecider,
  type ReportFigures,
  reportFiguresHash,
  type ReportPeriod,
  type ReportState,
} from '@kesu/analytics-domain';
import { type EventTypeRegistry, fold } from '@kesu/kernel';
import { type Caller, CLOCK, EVENT_STORE, type Principal, UserCommands } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { ANALYTICS_EVENTS } from '../analytics-events';
import { ReportFiguresReader } from './report-figures';

/** Which report: the tenant's unit and period. */
export interface ReportAddress {
  readonly tenantId: string;
  readonly unitId: string;
  readonly period: ReportPeriod;
}

const streamOf = ({ tenantId, unitId, period }: ReportAddress): string =>
  reportStream(tenantId, period.kind, period.label, unitId);

/**
 * The kept reports: each generation a ComplaintReportIssued on the report's stream with its figures
 * and their hash, so a report once issued reads again as issued; the analyst's findings beside it.
 * A report not issued yet is answered as a draft computed from the rollups now.
 */
@Injectable()
export class ReportIssues {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: UserCommands,
    private readonly figures: ReportFiguresReader,
  ) {}

  async state(address: ReportAddress): Promise<ReportState> {
    const events = await this.store.readStream(streamOf(address));
    return fold(
      reportDecider,
      events.map((event) => this.registry.toDomain<ReportEvent>(event)),
    );
  }

  /** The report as issued (its latest generation), else a draft of the figures as they stand now. */
  async read(principal: Principal, address: ReportAddress): Promise<ComplaintReport> {
    const state = await this.state(address);
    if (state.issued) return reportOf(state);
    const figures = await this.figures.figures(principal, address.unitId, address.period);
    return {
      ...figures,
      status: 'draft',
      generation: null,
      generatedAt: this.clock.now().toISOString(),
      generatedBy: principal.userId,
      figuresHash: reportFiguresHash(figures),
      findings: null,
    };
  }

  /** An analyst's generation on demand (Idempotency-Key and If-Match as every settings change). */
  async issueFor(caller: Caller, address: ReportAddress): Promise<ComplaintReport> {
    const figures = await this.figures.figures(caller.principal, address.unitId, address.period);
    const result = await this.commands.changeTenantSettings({
      caller,
      streamId: streamOf(address),
      decider: reportDecider,
      registry: this.registry,
      action: 'IssueReport',
      input: { unitId: address.unitId, period: address.period.label, kind: address.period.kind },
      command: (at: string) => issueCommand(address, figures, 'request', caller.principal.userId, at),
    });
    return reportOf(result.state);
  }

  /** The schedule's generation on the tenant's day: recorded by the service itself. */
  async issueScheduled(principal: Principal, address: ReportAddress): Promise<ComplaintReport> {
    const figures = await this.figures.figures(principal, address.unitId, address.period);
    const at = this.clock.now().toISOString();
    const streamId = streamOf(address);
    const result = await handleCommand(
      this.store,
      this.registry,
      reportDecider,
      streamId,
      issueCommand(address, figures, 'schedule', 'system', at),
      {
        occurredAt: at,
        tenantId: address.tenantId,
        branchId: address.unitId,
        correlationId: streamId.slice(streamId.indexOf('-') + 1),
        causationId: `schedule:${streamId}`,
        actor: { kind: 'service', id: 'analytics.reports' },
      },
    );
    return reportOf(result.state);
  }

  /** Writes the analyst's findings on the issued report (409 before it is issued). */
  async writeFindings(
    caller: Caller,
    address: ReportAddress,
    text: { readonly findings: string; readonly suggestions: string },
  ): Promise<ComplaintReport> {
    const { tenantId, unitId, period } = address;
    const result = await this.commands.changeTenantSettings({
      caller,
      streamId: streamOf(address),
      decider: reportDecider,
      registry: this.registry,
      action: 'WriteReportFindings',
      input: { unitId, period: period.label, kind: period.kind, ...text },
      command: (at: string): ReportCommand => ({
        type: 'WriteReportFindings',
        findings: {
          tenantId,
          unitId,
          kind: period.kind,
          period: period.label,
          ...text,
          writtenAt: at,
          writtenBy: caller.principal.userId,
        },
      }),
    });
    return reportOf(result.state);
  }
}

function issueCommand(
  { tenantId, unitId, period }: ReportAddress,
  figures: ReportFigures,
  trigger: 'schedule' | 'request',
  by: string,
  at: string,
): ReportCommand {
  return {
    type: 'IssueReport',
    issue: {
      tenantId,
      unitId,
      kind: period.kind,
      period: period.label,
      trigger,
      issuedAt: at,
      issuedBy: by,
      figures: figures as unknown as Record<string, unknown>,
      figuresHash: reportFiguresHash(figures),
    },
  };
}

/** The report of an issued state: the figures as recorded, and the findings written on it. */
function reportOf(state: ReportState): ComplaintReport {
  const issued = state.issued!;
  const findings = state.findings;
  return {
    ...(issued.figures as unknown as ReportFigures),
    status: 'issued',
    generation: issued.generation,
    generatedAt: issued.issuedAt,
    generatedBy: issued.issuedBy,
    figuresHash: issued.figuresHash,
    findings: findings && {
      findings: findings.findings,
      suggestions: findings.suggestions,
      writtenBy: findings.writtenBy,
      writtenAt: findings.writtenAt,
    },
  };
}
