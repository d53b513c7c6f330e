import {
  type DataSubjectErasedData,
  type DataSubjectErasureRequestedData,
  intakeErasureStream,
} from '@kesu/intake-contracts';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { erasureDecider, type RecordErasure } from '@kesu/intake-domain';
import { type Actor, type EventTypeRegistry, NotFoundError, type RecordedEvent } from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, KEY_STORE, reactionMetadata } from '@kesu/platform';
import { type Clock, type DocumentStore, type EventStore, handleCommand, type KeyStore } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { IdentityIndex } from '../same-matter/identity-index';
import { DataSubjects } from './data-subjects';
import { PrivacyRegister } from './privacy-register';

/** Intake itself, when it carries out an erasure or applies the retention. */
export const INTAKE_ACTOR: Actor = { kind: 'service', id: 'intake' };

/** Carry out a recorded erasure: destroy its data keys, remove what was derived from them, record it done. */
export class CompleteErasureCommand extends Command<DataSubjectErasedData> {
  constructor(
    readonly tenantId: string,
    readonly requestId: string,
  ) {
    super();
  }
}

/**
 * Completes an erasure recorded by DataSubjectErasureRequested, each step idempotent so that it can
 * run again after a crash at any point (intake's erasure consumer does, for every request): the data
 * keys of every subject the request's complaints were sealed for are destroyed first (so no consumer
 * can index them again), then their identity-index entries removed and the privacy register told,
 * and DataSubjectErased recorded once, caused by the request. A completed request answers its
 * recorded completion and changes nothing.
 */
@CommandHandler(CompleteErasureCommand)
export class CompleteErasureHandler implements ICommandHandler<CompleteErasureCommand> {
  private readonly index: IdentityIndex;
  private readonly register: PrivacyRegister;
  private readonly inFlight = new Map<string, Promise<DataSubjectErasedData>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    private readonly subjects: DataSubjects,
  ) {
    this.index = new IdentityIndex(documents);
    this.register = new PrivacyRegister(documents);
  }

  /** One completion of a request at a time in this process: a second caller waits for the first. */
  execute({ tenantId, requestId }: CompleteErasureCommand): Promise<DataSubjectErasedData> {
    const pending = this.inFlight.get(requestId);
    if (pending) return pending;
    const completion = this.complete(tenantId, requestId).finally(() => this.inFlight.delete(requestId));
    this.inFlight.set(requestId, completion);
    return completion;
  }

  private async complete(tenantId: string, requestId: string): Promise<DataSubjectErasedData> {
    const streamId = intakeErasureStream(requestId);
    const stored = await this.store.readStream(streamId);
    const requested = stored.find((event) => event.type === 'DataSubjectErasureRequested');
    if (!requested || requested.tenantId !== tenantId) {
      throw new NotFoundError('erasure.not_found', `erasure request ${requestId} not found`);
    }
    const done = completionIn(stored);
    if (done) return done;
    const { complaintIds } = this.registry.upcast(requested).data as DataSubjectErasureRequestedData;
    const subjectIds = new Set<string>();
    for (const complaintId of complaintIds) {
      const complaint = await this.subjects.complaint(tenantId, complaintId);
      for (const subjectId of complaint?.subjectIds ?? []) subjectIds.add(subjectId);
    }
    for (const subjectId of subjectIds) await this.keys.erase(tenantId, subjectId);
    const identityIndexEntriesRemoved = await this.index.remove(tenantId, complaintIds);
    const at = this.clock.now().toISOString();
    await this.register.erased(tenantId, complaintIds, at);
    const command: RecordErasure = {
      type: 'RecordErasure',
      dataKeys: subjectIds.size,
      identityIndexEntriesRemoved,
      at,
    };
    const handled = await handleCommand(
      this.store,
      this.registry,
      erasureDecider,
      streamId,
      command,
      reactionMetadata(requested, INTAKE_ACTOR, this.clock),
      { maxAttempts: 5 },
    );
    return completionIn(handled.events) ?? completionIn(await this.store.readStream(streamId))!;
  }
}

/** The recorded completion among these events, if any. */
function completionIn(events: readonly RecordedEvent[]): DataSubjectErasedData | undefined {
  return events.find((event) => event.type === 'DataSubjectErased')?.data as
    DataSubjectErasedData | undefined;
}
