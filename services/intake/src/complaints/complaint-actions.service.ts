import { intakeStream, type IntakeStatus, type RecordCorrections } from '@kesu/intake-contracts';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type ComplaintAction, intakeDecider } from '@kesu/intake-domain';
import { type EventTypeRegistry, fold, type RecordedEvent } from '@kesu/kernel';
import {
  actionCausationId,
  CLOCK,
  EVENT_STORE,
  eventsOfEarlierRequest,
  KEY_STORE,
  OrgDirectory,
  type Principal,
  ValidationProblem,
} from '@kesu/platform';
import { type Clock, type EventStore, handleCommand, type KeyStore } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { sealComplainant } from './complainant-sealing';
import type {
  AcceptComplaintDto,
  AppealRejectionDto,
  ConfirmRecordDto,
  DecideAppealDto,
  RejectComplaintDto,
  WithdrawComplaintDto,
} from './complaint-actions.dto';

/** Who asks, about which complaint, and the request's Idempotency-Key if it has one. */
export interface ActionRequest {
  readonly principal: Principal;
  readonly complaintId: string;
  readonly idempotencyKey?: string;
}

/** The answer to a work action: intake's status and the stream revision after it. */
export interface ActionResult {
  readonly complaintId: string;
  readonly status: IntakeStatus;
  readonly revision: number;
  /** What the customer is told (the explanation of a rejection or an appeal decision). */
  readonly message?: string;
}

export interface ActionOutcome {
  readonly result: ActionResult;
  /** The answer replays an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

type Build = (at: string, tenantId: string) => ComplaintAction | Promise<ComplaintAction>;

/** The work intake does on a registered complaint: read-back, accept/reject, appeals, withdrawal. */
@Injectable()
export class ComplaintActions {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
  ) {}

  confirm(request: ActionRequest, body: ConfirmRecordDto): Promise<ActionOutcome> {
    const { corrections } = body;
    if (corrections?.occurredAt && Date.parse(corrections.occurredAt) > this.clock.now().getTime()) {
      throw new ValidationProblem([
        { field: 'corrections.occurredAt', message: 'occurredAt must not lie in the future' },
      ]);
    }
    return this.perform(request, 'ConfirmRecord', body, async (at, tenantId) => {
      if (!corrections) return { type: 'ConfirmRecord', at };
      const { complainant, ...rest } = corrections;
      const sealed: RecordCorrections = {
        ...rest,
        ...(complainant ? { complainant: await sealComplainant(this.keys, tenantId, complainant) } : {}),
      };
      return { type: 'ConfirmRecord', corrections: sealed, at };
    });
  }

  accept(request: ActionRequest, body: AcceptComplaintDto): Promise<ActionOutcome> {
    return this.perform(request, 'AcceptComplaint', body, (at) => ({ type: 'AcceptComplaint', ...body, at }));
  }

  reject(request: ActionRequest, body: RejectComplaintDto): Promise<ActionOutcome> {
    return this.perform(request, 'RejectComplaint', body, (at) => ({
      type: 'RejectComplaint',
      ...body,
      rejectedBy: request.principal.userId,
      at,
    }));
  }

  appeal(request: ActionRequest, body: AppealRejectionDto): Promise<ActionOutcome> {
    return this.perform(request, 'AppealRejection', body, (at) => ({ type: 'AppealRejection', ...body, at }));
  }

  decideAppeal(request: ActionRequest, body: DecideAppealDto): Promise<ActionOutcome> {
    return this.perform(request, 'DecideAppeal', body, (at) => ({
      type: 'DecideAppeal',
      ...body,
      decidedBy: request.principal.userId,
      at,
    }));
  }

  withdraw(request: ActionRequest, body: WithdrawComplaintDto): Promise<ActionOutcome> {
    return this.perform(request, 'WithdrawComplaint', body, (at) => ({
      type: 'WithdrawComplaint',
      ...body,
      at,
    }));
  }

  /**
   * Finds the complaint inside the caller's tenant and branch scope (404 otherwise), answers a
   * repeated Idempotency-Key from the stored events, and otherwise decides and appends.
   */
  private async perform(
    { principal, complaintId, idempotencyKey }: ActionRequest,
    action: ComplaintAction['type'],
    body: object,
    build: Build,
  ): Promise<ActionOutcome> {
    const streamId = intakeStream(complaintId);
    const stored = await this.store.readStream(streamId);
    const first = stored[0];
    if (
      !first ||
      first.tenantId !== principal.tenantId ||
      !this.directory.covers(principal, first.branchId)
    ) {
      throw new NotFoundException(`complaint ${complaintId} not found`);
    }
    const causationId = actionCausationId(principal, action, body, idempotencyKey);
    if (idempotencyKey !== undefined) {
      const earlier = eventsOfEarlierRequest(stored, causationId);
      if (earlier.length > 0) return { result: this.resultAt(complaintId, stored, earlier), replayed: true };
    }
    const now = this.clock.now().toISOString();
    const command = await build(now, principal.tenantId);
    const metadata = {
      occurredAt: now,
      tenantId: first.tenantId,
      branchId: first.branchId,
      correlationId: complaintId,
      causationId,
      actor: { kind: 'user' as const, id: principal.userId, roles: principal.roles },
    };
    const handled = await handleCommand(
      this.store,
      this.registry,
      intakeDecider,
      streamId,
      command,
      metadata,
    );
    return {
      result: {
        complaintId,
        status: handled.state.status,
        revision: handled.revision,
        ...messageOf(handled.events),
      },
      replayed: handled.replayed,
    };
  }

  /** The answer as it was given when `events` were appended. */
  private resultAt(complaintId: string, stored: RecordedEvent[], events: RecordedEvent[]): ActionResult {
    const revision = events[events.length - 1]!.revision;
    const state = fold(
      intakeDecider,
      stored.filter((e) => e.revision <= revision).map((e) => this.registry.toDomain(e)),
    );
    return { complaintId, status: state.status, revision, ...messageOf(events) };
  }
}

/** The explanation the customer receives, for a rejection or an appeal decision. */
function messageOf(events: readonly RecordedEvent[]): { message?: string } {
  const told = events.find((e) => e.type === 'ComplaintRejected' || e.type === 'AppealDecided');
  return told ? { message: (told.data as { explanation: string }).explanation } : {};
}
