import { classificationStream } from '@kesu/classification-contracts';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { classificationDecider, type ClassificationStatus } from '@kesu/classification-domain';
import { type EventTypeRegistry, fold, InvalidInputError } from '@kesu/kernel';
import {
  causationIdOf,
  CLOCK,
  EVENT_STORE,
  eventsOfEarlierRequest,
  OrgDirectory,
  type Principal,
} from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { TenantSettings } from '../settings/tenant-settings.service';
import { TrainingExamples } from '../training/training-examples';
import { classifiedText } from './complaint-classifier.service';
import type { ReclassifyComplaintDto } from './reclassify.dto';

/** The answer to a work action: the classification's status and its stream's revision. */
export interface ReclassificationResult {
  readonly complaintId: string;
  readonly status: ClassificationStatus;
  readonly revision: number;
}

/** The answer, and whether it replays an earlier request with the same Idempotency-Key. */
export interface ReclassificationOutcome {
  readonly result: ReclassificationResult;
  readonly replayed: boolean;
}

/**
 * A handler's correction: checked against the tenant's taxonomy, recorded as ComplaintReclassified
 * and kept as the complaint's training example (a later correction replaces it).
 */
@Injectable()
export class Reclassification {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
  ) {}

  /**
   * With an Idempotency-Key, a repeated request answers as the first did (`replayed`) and appends
   * nothing; the same key with another body is refused (422) — as intake's work actions do.
   */
  async reclassify(
    principal: Principal,
    complaintId: string,
    body: ReclassifyComplaintDto,
    idempotencyKey?: string,
  ): Promise<ReclassificationOutcome> {
    const history = await this.store.readByCorrelationId(complaintId);
    const received = history.find((e) => e.type === 'ComplaintReceived');
    if (
      !received ||
      received.tenantId !== principal.tenantId ||
      !this.directory.covers(principal, received.branchId)
    ) {
      throw new NotFoundException(`complaint ${complaintId} not found`);
    }
    const causationId = causationIdOf({ principal, idempotencyKey }, 'reclassify', body);
    if (idempotencyKey !== undefined) {
      const streamId = classificationStream(complaintId);
      const stored = await this.store.readStream(streamId);
      const earlier = eventsOfEarlierRequest(stored, causationId);
      if (earlier.length > 0) {
        const revision = earlier[earlier.length - 1]!.revision;
        const state = fold(
          classificationDecider,
          stored.filter((e) => e.revision <= revision).map((e) => this.registry.toDomain(e)),
        );
        return { result: { complaintId, status: state.status, revision }, replayed: true };
      }
    }
    const taxonomy = await this.settings.taxonomy(principal.tenantId);
    if (!taxonomy.categories.some((c) => c.code === body.category)) {
      throw new InvalidInputError([
        {
          field: 'category',
          message: `category must be one of the tenant's taxonomy (version ${taxonomy.version})`,
        },
      ]);
    }
    const at = this.clock.now().toISOString();
    const handled = await handleCommand(
      this.store,
      this.registry,
      classificationDecider,
      classificationStream(complaintId),
      { type: 'ReclassifyComplaint', complaintId, ...body, by: principal.userId, at },
      {
        occurredAt: at,
        tenantId: received.tenantId,
        branchId: received.branchId,
        correlationId: complaintId,
        causationId,
        actor: { kind: 'user', id: principal.userId, roles: principal.roles },
      },
    );
    await this.examples.correction(
      principal.tenantId,
      complaintId,
      classifiedText(history),
      body.category,
      at,
    );
    return {
      result: { complaintId, status: handled.state.status, revision: handled.revision },
      replayed: handled.replayed,
    };
  }
}
