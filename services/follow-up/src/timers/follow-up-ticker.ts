import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FOLLOW_UP_TOPIC, followUpEventTypes, followUpWorkEventTypes } from '@kesu/follow-up-contracts';
import type { FollowUpState, FollowUpStreamEvent } from '@kesu/follow-up-domain';
import { EventTypeRegistry } from '@kesu/kernel';
import { BackgroundWorkers, EventConsumers } from '@kesu/platform';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../config/follow-up-config';
import { FollowUpRunner } from '../follow-up-runner';
import { CloseWithoutObjectionCommand } from '../lifecycle/close-without-objection';
import { SendProgressUpdateCommand } from '../notices/progress-updates';
import { DeliverMessageCommand } from '../outbox/deliver-message';
import { FollowUpTimers, type FollowUpTimerDocument } from './follow-up-timers';

/** The consumer group that keeps the follow-up's timers. */
export const TIMERS_GROUP = 'follow-up.timers';

const BATCH = 20;

/**
 * Fires the follow-up's due timers every FOLLOW_UP_TICK_MS: delivers due messages (claims keep two
 * replicas from delivering one message twice), closes complaints whose objection window passed and
 * sends progress updates to complainants whose complaint stays open long.
 * Keeps the timers from the follow-up topic.
 */
@Injectable()
export class FollowUpTicker implements OnModuleInit {
  private readonly logger = new Logger(FollowUpTicker.name);
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
    private readonly workers: BackgroundWorkers,
    private readonly timers: FollowUpTimers,
    private readonly runner: FollowUpRunner,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: TIMERS_GROUP,
      topics: [FOLLOW_UP_TOPIC],
      events: new EventTypeRegistry([...followUpEventTypes, ...followUpWorkEventTypes]),
      handle: (event) => this.timers.onEvent(event as unknown as FollowUpStreamEvent),
    });
    this.workers.register({
      name: 'follow-up.ticker',
      start: () => this.start(),
      stop: () => this.stop(),
    });
  }

  /** One pass over the due timers (one at a time). */
  tick(): Promise<void> {
    this.ticking ??= this.fireDue()
      .catch((error: unknown) => this.logger.error(`follow-up timers: ${String(error)}`))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.config.tickMs);
    this.timer.unref();
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
  }

  private async fireDue(): Promise<void> {
    const due = await this.timers.due(this.runner.now(), BATCH);
    for (const timer of due) {
      if (this.stopped) return;
      try {
        if (timer.kind === 'progress') {
          const { nextDueAt } = await this.commands.execute(new SendProgressUpdateCommand(timer.complaintId));
          await this.timers.setProgress(timer.complaintId, nextDueAt);
          continue;
        }
        const state = await this.fire(timer);
        await this.timers.afterFiring(
          timer,
          state ?? (await this.runner.state(timer.complaintId)).state,
          this.runner.now(),
        );
      } catch (error) {
        this.logger.warn(`timer ${timer._id}: ${String(error)}`);
        await this.timers.postpone(timer, this.runner.now(), this.config.delivery.baseMs);
      }
    }
  }

  private fire(timer: FollowUpTimerDocument): Promise<FollowUpState | undefined> {
    if (timer.kind === 'delivery')
      return this.commands.execute(new DeliverMessageCommand(timer.complaintId, timer.messageId ?? ''));
    return this.commands.execute(new CloseWithoutObjectionCommand(timer.complaintId));
  }
}
