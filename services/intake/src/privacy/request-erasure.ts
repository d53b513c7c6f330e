import { intakeErasureStream } from '@kesu/intake-contracts';
import { Inject, Logger } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { erasureDecider, type RequestErasure } from '@kesu/intake-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, CLOCK, EVENT_STORE, tenantStreamMetadata } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { IdentityKeys } from '../same-matter/identity-keys';
import { CompleteErasureCommand } from './complete-erasure';
import { DataSubjects } from './data-subjects';
import { type ErasureRequestStatus, erasureStatusOf } from './get-erasure-request';
import type { ErasureRequestDto } from './privacy.dto';
import { assertNamesSomebody, earlierRequest, requestIdentity } from './privacy-requests';

/** `202` body of an erasure request: what was found and erased. */
export interface ErasureRequestResult extends ErasureRequestStatus {
  /** Complaint ids given that name no complaint the caller may see. */
  readonly unknownComplaintIds: readonly string[];
}

/** The answer, and whether it repeats an earlier request with the same Idempotency-Key. */
export interface ErasureRequestOutcome {
  readonly result: ErasureRequestResult;
  readonly replayed: boolean;
}

/** An administrator records a data subject's request to erase their personal data (PIPL art. 47, GDPR art. 17). */
export class RequestErasureCommand extends Command<ErasureRequestOutcome> {
  constructor(
    readonly caller: Caller,
    readonly body: ErasureRequestDto,
  ) {
    super();
  }
}

/**
 * Finds the person's complaints (`DataSubjects`), records DataSubjectErasureRequested on the
 * request's own stream and completes it at once (`CompleteErasureCommand`). Should the completion
 * fail, the request stays recorded and intake's erasure consumer completes it: the answer then says
 * `requested`. A repeated Idempotency-Key is answered from the request's stream and changes nothing.
 */
@CommandHandler(RequestErasureCommand)
export class RequestErasureHandler implements ICommandHandler<RequestErasureCommand> {
  private readonly logger = new Logger(RequestErasureHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: DataSubjects,
    private readonly identities: IdentityKeys,
    private readonly commands: CommandBus,
  ) {}

  async execute({ caller, body }: RequestErasureCommand): Promise<ErasureRequestOutcome> {
    assertNamesSomebody(body);
    const { principal } = caller;
    const { tenantId } = principal;
    const { requestId, causationId } = await requestIdentity(caller, 'RequestErasure', body, this.identities);
    const streamId = intakeErasureStream(requestId);
    const earlier = await earlierRequest(this.store, streamId, causationId);
    if (earlier.length > 0) return { result: await this.resultOf(tenantId, streamId, body), replayed: true };
    const found = await this.subjects.find(principal, body);
    const at = this.clock.now().toISOString();
    const command: RequestErasure = {
      type: 'RequestErasure',
      requestId,
      basis: 'request',
      reason: body.reason,
      requestedBy: principal.userId,
      identifiedBy: found.identifiedBy,
      complaintIds: found.complaints.map((complaint) => complaint.complaintId),
      at,
    };
    await handleCommand(
      this.store,
      this.registry,
      erasureDecider,
      streamId,
      command,
      tenantStreamMetadata(principal, streamId, causationId, at),
    );
    try {
      await this.commands.execute(new CompleteErasureCommand(tenantId, requestId));
    } catch (error) {
      this.logger.error(
        `erasure ${requestId} recorded, completing it failed (the consumer will): ${String(error)}`,
      );
    }
    return { result: await this.resultOf(tenantId, streamId, body), replayed: false };
  }

  /** The answer as the request's stream records it now. */
  private async resultOf(
    tenantId: string,
    streamId: string,
    body: ErasureRequestDto,
  ): Promise<ErasureRequestResult> {
    const stored = await this.store.readStream(streamId);
    const status = await erasureStatusOf(
      stored.map((event) => this.registry.upcast(event)),
      this.subjects,
      tenantId,
    );
    const erased = status.complaints.map((complaint) => complaint.complaintId);
    return { ...status, unknownComplaintIds: (body.complaintIds ?? []).filter((id) => !erased.includes(id)) };
  }
}
