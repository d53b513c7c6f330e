import { intakeErasureStream } from '@kesu/intake-contracts';
import { Inject, Logger } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  erasureDecider,
  INTAKE_POLICY_LIMITS,
  type RequestErasure,
  retentionCutoff,
  retentionRanOut,
} from '@kesu/intake-domain';
import { type EventTypeRegistry, UnprocessableError } from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import { type Clock, type DocumentStore, type EventStore, handleCommand } from '@kesu/ports';
import { v5 as uuidv5 } from 'uuid';
import { INTAKE_EVENTS } from '../intake-events';
import { IntakePolicies } from '../policy/intake-policies';
import { CompleteErasureCommand, INTAKE_ACTOR } from './complete-erasure';
import { DataSubjects } from './data-subjects';
import { PrivacyRegister } from './privacy-register';

const RETENTION_NAMESPACE = '5b0c3d52-7e0f-4d8e-a3c4-1f9e6a2b7c81';

/** What one pass of the retention did: the erasures it recorded. */
export interface RetentionOutcome {
  readonly erasures: readonly string[];
}

/** Erase the personal data of every person whose complaints all ended longer ago than their tenant's retention. */
export class ApplyRetentionCommand extends Command<RetentionOutcome> {}

/**
 * One pass of the retention of personal data, at the Clock's instant: walks the complaints that
 * ended at least the shortest retention ago and are not erased (the privacy register), and for each
 * finds its person (`DataSubjects.personOf`); when every complaint of theirs ended longer ago than
 * the tenant's `personalDataRetentionDays`, erases them the way an erasure request does, recorded
 * with basis `retention`. The request id derives from the complaints, so two passes at once (two
 * replicas overlapping) record one erasure.
 */
@CommandHandler(ApplyRetentionCommand)
export class ApplyRetentionHandler implements ICommandHandler<ApplyRetentionCommand> {
  private readonly logger = new Logger(ApplyRetentionHandler.name);
  private readonly register: PrivacyRegister;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    private readonly policies: IntakePolicies,
    private readonly subjects: DataSubjects,
    private readonly commands: CommandBus,
  ) {
    this.register = new PrivacyRegister(documents);
  }

  async execute(): Promise<RetentionOutcome> {
    const now = this.clock.now();
    const shortest = retentionCutoff(now, INTAKE_POLICY_LIMITS.minPersonalDataRetentionDays);
    const seen = new Set<string>();
    const erasures: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.register.endedBy(shortest.toISOString(), cursor);
      for (const { tenantId, complaintId, endedAt } of page.items) {
        if (seen.has(complaintId)) continue;
        seen.add(complaintId);
        const days = (await this.policies.policyOf(tenantId)).personalDataRetentionDays;
        if (Date.parse(endedAt!) > retentionCutoff(now, days).getTime()) continue;
        const person = await this.personOf(tenantId, complaintId);
        for (const id of person) seen.add(id);
        const recorded = new Map((await this.register.recorded(person)).map((c) => [c._id, c.endedAt]));
        const lastEndedAt = retentionRanOut(
          person.map((id) => recorded.get(id) ?? null),
          days,
          now,
        );
        if (lastEndedAt) erasures.push(await this.erase(tenantId, person, { days, lastEndedAt }));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { erasures };
  }

  private async personOf(tenantId: string, complaintId: string): Promise<string[]> {
    try {
      return (await this.subjects.personOf(tenantId, [complaintId])).map((c) => c.complaintId);
    } catch (error) {
      if (!(error instanceof UnprocessableError)) throw error;
      this.logger.warn(`retention: complaint ${complaintId} left alone: ${error.message}`);
      return [];
    }
  }

  /** Records the erasure of these complaints' complainant by retention, and carries it out. */
  private async erase(
    tenantId: string,
    complaintIds: readonly string[],
    retention: { days: number; lastEndedAt: string },
  ): Promise<string> {
    const requestId = uuidv5(
      `${tenantId}:retention:${[...complaintIds].sort().join(',')}`,
      RETENTION_NAMESPACE,
    );
    const streamId = intakeErasureStream(requestId);
    const at = this.clock.now().toISOString();
    const command: RequestErasure = {
      type: 'RequestErasure',
      requestId,
      basis: 'retention',
      reason: `retention: personal data is kept ${retention.days} days after the person's last complaint ended`,
      requestedBy: INTAKE_ACTOR.id,
      identifiedBy: [],
      complaintIds,
      retention,
      at,
    };
    await handleCommand(this.store, this.registry, erasureDecider, streamId, command, {
      occurredAt: at,
      tenantId,
      branchId: tenantId,
      correlationId: streamId.slice(streamId.indexOf('-') + 1),
      causationId: `retention-${requestId}`,
      actor: INTAKE_ACTOR,
    });
    try {
      await this.commands.execute(new CompleteErasureCommand(tenantId, requestId));
    } catch (error) {
      this.logger.error(
        `retention erasure ${requestId} recorded, completing it failed (the consumer will): ${String(error)}`,
      );
    }
    return requestId;
  }
}
