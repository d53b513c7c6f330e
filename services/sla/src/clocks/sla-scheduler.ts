import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { BackgroundWorkers } from '@kesu/platform';
import { FireDueTimersCommand, FireDueTimersHandler, type FiringLimits } from './fire-timers';

/** How often the scheduler looks for due timers, and how it fires them. */
export interface SchedulerTiming extends FiringLimits {
  readonly tickMs: number;
}

export const DEFAULT_SCHEDULER_TIMING: SchedulerTiming = { tickMs: 1_000, batch: 200, lateAfterMs: 30_000 };

/** Optional provider overriding DEFAULT_SCHEDULER_TIMING. */
export const SCHEDULER_TIMING = Symbol('SCHEDULER_TIMING');

/**
 * Fires the clocks' warnings and breaches: a tick at start (what came due while the process was
 * down fires then, marked late), then every `tickMs`; a full batch ticks again at once. Every
 * replica ticks: the appends at the stream's revision keep each timer to one firing. It runs the
 * handler itself, not through the bus, as its first tick comes before the bus has its handlers.
 */
@Injectable()
export class SlaScheduler implements OnModuleInit {
  private readonly logger = new Logger(SlaScheduler.name);
  private readonly timing: SchedulerTiming;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly firing: FireDueTimersHandler,
    private readonly workers: BackgroundWorkers,
    @Optional() @Inject(SCHEDULER_TIMING) timing?: Partial<SchedulerTiming>,
  ) {
    this.timing = { ...DEFAULT_SCHEDULER_TIMING, ...timing };
  }

  onModuleInit(): void {
    this.workers.register({
      name: 'sla.scheduler',
      start: () => {
        this.stopped = false;
        void this.tick();
        this.timer = setInterval(() => void this.tick(), this.timing.tickMs);
        this.timer.unref();
      },
      stop: async () => {
        this.stopped = true;
        clearInterval(this.timer);
        await this.ticking;
      },
    });
  }

  /** One tick now (one at a time: a tick asked for while one runs joins it). */
  tick(): Promise<void> {
    this.ticking ??= this.fireAll()
      .catch((error: unknown) => this.logger.error(`SLA timers: ${String(error)}`))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async fireAll(): Promise<void> {
    const { batch, lateAfterMs } = this.timing;
    for (;;) {
      const { fired } = await this.firing.execute(new FireDueTimersCommand({ batch, lateAfterMs }));
      if (fired < batch || this.stopped) return;
    }
  }
}
