import { type CollectiveIncidentEvent, incidentStream } from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import {
  type CollectiveIncident,
  collectiveIncidentDecider,
  type CollectiveIncidentState,
  type IncidentCommand,
} from '@kesu/classification-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { IncidentList } from './incident-list';

/** A person's change of an incident: the incident after it, and its stream's revision (the ETag). */
export interface CurationOutcome {
  readonly incident: CollectiveIncident;
  readonly revision: number;
  /** The answer repeats an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/** Times a person's change is decided again while complaints join the incident. */
const CHANGE_ATTEMPTS = 10;

/** What `NotFoundError` says of an incident the caller's tenant or branch scope does not hold. */
export const incidentNotFound = (incidentId: string) => ({
  code: 'incident.not_found',
  message: `collective incident ${incidentId} not found`,
});

/**
 * Runs a person's change of an incident (merge, removal) through `UserCommands`: within the caller's
 * scope (404 otherwise), idempotent by key, at the If-Match revision when given (412 when its stream
 * moved), decided by the incident's decider; then writes the incident's list document.
 */
@Injectable()
export class IncidentCuration {
  constructor(
    private readonly commands: UserCommands,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly list: IncidentList,
  ) {}

  /**
   * `action` and `input` name the request (what an Idempotency-Key is checked against); `command`
   * builds the incident command at the Clock's instant.
   */
  async run(
    caller: Caller,
    incidentId: string,
    action: IncidentCommand['type'],
    input: object,
    command: (at: string) => IncidentCommand | Promise<IncidentCommand>,
  ): Promise<CurationOutcome> {
    const handled = await this.commands.execute<
      IncidentCommand,
      CollectiveIncidentEvent,
      CollectiveIncidentState
    >({
      caller,
      streamId: incidentStream(incidentId),
      decider: collectiveIncidentDecider,
      registry: this.registry,
      action,
      input,
      command,
      notFound: incidentNotFound(incidentId),
      // complaints keep joining an incident that floods: a person's change is decided again meanwhile
      maxAttempts: CHANGE_ATTEMPTS,
    });
    const incident = handled.state!;
    const { revision, position, replayed } = handled;
    if (!replayed)
      await this.list.save({ state: incident, revision, ...(position !== undefined && { position }) });
    return { incident, revision, replayed };
  }
}
