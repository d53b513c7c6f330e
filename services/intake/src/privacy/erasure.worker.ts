import { INTAKE_TOPIC } from '@kesu/intake-contracts';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { EventConsumers } from '@kesu/platform';
import { INTAKE_EVENTS } from '../intake-events';
import { CompleteErasureCommand } from './complete-erasure';

/** The consumer group that completes every recorded erasure. */
export const ERASURE_GROUP = 'intake.erasure';

/**
 * Completes every erasure intake records, in reaction to its DataSubjectErasureRequested: the request
 * path completes it at once, so this usually finds it done and changes nothing; after a crash between
 * the request and its completion (or a failed completion), this is what destroys the keys. A
 * completion that fails is retried, and dead-lettered after the consumer's attempts.
 */
@Injectable()
export class ErasureWorker implements OnModuleInit {
  constructor(
    @Inject(INTAKE_EVENTS) private readonly events: EventTypeRegistry,
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {}

  onModuleInit(): void {
    this.consumers.register({
      group: ERASURE_GROUP,
      topics: [INTAKE_TOPIC],
      events: this.events,
      handle: (event) => this.apply(event),
    });
  }

  async apply(event: RecordedEvent): Promise<void> {
    if (event.type !== 'DataSubjectErasureRequested') return;
    const { requestId } = event.data as { requestId: string };
    await this.commands.execute(new CompleteErasureCommand(event.tenantId, requestId));
  }
}
