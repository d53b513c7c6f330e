import type { ClassificationSettingsEvent } from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import { type SettingsCommand, settingsDecider, type SettingsState } from '@kesu/classification-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import {
  type Caller,
  causationIdOf,
  CLOCK,
  EVENT_STORE,
  eventsOfEarlierRequest,
  tenantStreamMetadata,
} from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { TenantSettings } from './tenant-settings.service';

/** One change of a tenant's setting, as an administrator asked for it. */
export interface SettingsChange {
  readonly caller: Caller;
  readonly streamId: string;
  /** The request's causation id (`causationIdOf`): one per request, whatever streams it changes. */
  readonly causationId: string;
  /** Builds the command at the Clock's instant (`at`), by the caller's user (`by`). */
  readonly command: (at: string, by: string) => SettingsCommand;
  /** The stream's revision the change was decided on (an If-Match): StaleRevisionError (412) when it moved. */
  readonly expectedRevision?: number;
}

/**
 * Records an administrator's change of a tenant's setting on its stream, the one way every settings
 * change runs: as the caller (actor, tenant, the first branch of their scope), caused by the request
 * (a repeated Idempotency-Key appends nothing twice; the same key with another request is refused,
 * 422), decided by the settings decider at the expected revision when one is given.
 */
@Injectable()
export class SettingsChanges {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly settings: TenantSettings,
  ) {}

  /** The causation id of a settings request: the use case and its input name a repeat. */
  causationOf(caller: Caller, action: string, input: object): string {
    return causationIdOf(caller, action, input);
  }

  /** The events an earlier request with the same Idempotency-Key appended to the stream (422 for another request). */
  async earlier(streamId: string, causationId: string): Promise<RecordedEvent[]> {
    return eventsOfEarlierRequest(await this.store.readStream(streamId), causationId);
  }

  async record(change: SettingsChange): Promise<CommandResult<SettingsState>> {
    const { caller, streamId, causationId } = change;
    const { principal } = caller;
    await this.earlier(streamId, causationId);
    const at = this.clock.now().toISOString();
    try {
      return await handleCommand<SettingsCommand, ClassificationSettingsEvent, SettingsState>(
        this.store,
        this.registry,
        settingsDecider,
        streamId,
        change.command(at, principal.userId),
        tenantStreamMetadata(principal, streamId, causationId, at),
        { ...(change.expectedRevision !== undefined && { expectedRevision: change.expectedRevision }) },
      );
    } finally {
      // recorded or refused, the setting is read again: a read begun before is not kept either
      this.settings.forget(streamId);
    }
  }
}
