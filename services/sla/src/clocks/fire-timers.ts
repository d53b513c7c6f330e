import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { ClockRunner } from './clock-runner';
import { SlaTimers } from './sla-timers';

/** How the scheduler fires: how many timers a tick takes, and from when a timer counts as late. */
export interface FiringLimits {
  readonly batch: number;
  /** A warning or breach fired this long after its instant is marked late (ms). */
  readonly lateAfterMs: number;
}

/** Fire the timers due now: the warnings and breaches their instants reached. */
export class FireDueTimersCommand extends Command<{ fired: number; events: number }> {
  constructor(readonly limits: FiringLimits) {
    super();
  }
}

/**
 * Takes the earliest due timers from the index (at most `batch`) and decides FireTimers on each
 * complaint's clocks. The events' cause is the timer itself (`timer:<complaint>:<instant>`), and
 * they are appended at the stream's revision: a second replica firing the same timer finds its
 * cause recorded, or loses the race and decides again on a state that has nothing left to fire.
 */
@CommandHandler(FireDueTimersCommand)
export class FireDueTimersHandler implements ICommandHandler<FireDueTimersCommand> {
  constructor(
    private readonly timers: SlaTimers,
    private readonly clocks: ClockRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ limits }: FireDueTimersCommand) {
    const now = this.clock.now().toISOString();
    const due = await this.timers.due(now, limits.batch);
    let events = 0;
    for (const timer of due) {
      const cause = {
        eventId: `timer:${timer._id}:${timer.dueAt}`,
        tenantId: timer.tenantId,
        branchId: timer.branchId,
      };
      const result = await this.clocks.run(timer._id, cause, () => ({
        type: 'FireTimers',
        now,
        lateAfterMs: limits.lateAfterMs,
      }));
      if (result && !result.replayed) events += result.events.length;
    }
    return { fired: due.length, events };
  }
}
