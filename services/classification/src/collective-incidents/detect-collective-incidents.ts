import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordedEvent } from '@kesu/kernel';
import { IncidentDetection } from './incident-detection';

/**
 * Look for the collective incident a classified complaint completes or joins (its ComplaintReceived
 * v1, and the category it was classified in).
 */
export class DetectCollectiveIncidentsCommand extends Command<void> {
  constructor(
    readonly received: RecordedEvent,
    readonly category: string,
  ) {
    super();
  }
}

/** Runs collective detection for the complaint (`IncidentDetection.classified`). */
@CommandHandler(DetectCollectiveIncidentsCommand)
export class DetectCollectiveIncidentsHandler implements ICommandHandler<DetectCollectiveIncidentsCommand> {
  constructor(private readonly detection: IncidentDetection) {}

  execute({ received, category }: DetectCollectiveIncidentsCommand): Promise<void> {
    return this.detection.classified(received, category);
  }
}
