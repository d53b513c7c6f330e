import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  BackgroundWorkers,
  CLOCK,
  DOCUMENT_STORE,
  isGoneFromThisHost,
  LEADER_LEASES,
  replicaName,
} from '@kesu/platform';
import { type Clock, type DocumentStore, type LeaderLeaseDocument, Leadership } from '@kesu/ports';
import { ApplyRetentionCommand } from './apply-retention';

/** How the retention job leads and how often it runs. */
export interface RetentionTiming {
  /** A leader that has not renewed its lease for this long is replaced (ms). */
  readonly leaseMs: number;
  /** How often the leader renews, and a follower tries to take over (ms). */
  readonly checkMs: number;
  /** How soon after it starts leading the leader first applies the retention (ms). */
  readonly firstSweepMs: number;
  /** How often the leader applies the retention after that (ms). */
  readonly sweepMs: number;
}

export const DEFAULT_RETENTION_TIMING: RetentionTiming = {
  leaseMs: 60_000,
  checkMs: 15_000,
  firstSweepMs: 60_000,
  sweepMs: 3_600_000,
};

/** Optional provider overriding DEFAULT_RETENTION_TIMING. */
export const RETENTION_TIMING = Symbol('RETENTION_TIMING');

/** The single-leader role of the retention job across intake's replicas. */
export const RETENTION_ROLE = 'intake-retention';

/**
 * Applies the retention of personal data in the background (`ApplyRetentionCommand`): soon after
 * this replica leads (`firstSweepMs`), then every `sweepMs`. One replica runs it at a time — the holder of the
 * `intake-retention` lease in the leader leases (`Leadership`); the others take over when it stops
 * or dies. Were two to overlap, each erasure's id derives from its complaints, so it is recorded once.
 */
@Injectable()
export class RetentionJob implements OnModuleInit {
  private readonly logger = new Logger(RetentionJob.name);
  private readonly timing: RetentionTiming;
  private leadership?: Leadership;
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly workers: BackgroundWorkers,
    private readonly commands: CommandBus,
    @Optional() @Inject(RETENTION_TIMING) timing?: Partial<RetentionTiming>,
  ) {
    this.timing = { ...DEFAULT_RETENTION_TIMING, ...timing };
  }

  /** Whether this replica runs the retention now. */
  get leading(): boolean {
    return this.leadership?.leading ?? false;
  }

  onModuleInit(): void {
    const { leaseMs, checkMs } = this.timing;
    const leadership = new Leadership({
      collection: this.documents.collection<LeaderLeaseDocument>(LEADER_LEASES),
      role: RETENTION_ROLE,
      owner: replicaName(),
      clock: this.clock,
      leaseMs,
      checkMs,
      lead: () => this.lead(),
      follow: () => this.follow(),
      isGone: isGoneFromThisHost,
      onError: (error) => this.logger.warn(`retention lease: ${String(error)}`),
    });
    this.leadership = leadership;
    this.workers.register({
      name: 'intake.retention',
      start: () => leadership.start(),
      stop: () => leadership.stop(),
    });
  }

  /** One pass now (one at a time; a pass asked for while one runs joins it). */
  sweep(): Promise<void> {
    this.sweeping ??= Promise.resolve()
      .then(() => this.commands.execute(new ApplyRetentionCommand()))
      .then(({ erasures }) => {
        if (erasures.length > 0)
          this.logger.log(`retention: ${erasures.length} people's personal data erased`);
      })
      .catch((error: unknown) => this.logger.error(`retention pass failed: ${String(error)}`))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private lead(): void {
    this.logger.log('applying the retention of personal data as its leader');
    this.first = setTimeout(() => void this.sweep(), this.timing.firstSweepMs);
    this.first.unref();
    this.timer = setInterval(() => void this.sweep(), this.timing.sweepMs);
    this.timer.unref();
  }

  private async follow(): Promise<void> {
    clearTimeout(this.first);
    clearInterval(this.timer);
    await this.sweeping;
  }
}
