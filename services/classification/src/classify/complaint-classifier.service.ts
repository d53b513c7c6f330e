import { classificationStream } from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Classification,
  type ClassificationCommand,
  type ClassificationInput,
  classificationDecider,
  classifyComplaint,
  type ComplaintClassificationState,
} from '@kesu/classification-domain';
import type { TextClassifier } from '@kesu/classification-text-model';
import { intakeStream } from '@kesu/intake-contracts';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE, reactionMetadata } from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand } from '@kesu/ports';
import { CLASSIFICATION_ACTOR, CLASSIFICATION_EVENTS } from '../classification-events';
import { TenantSettings } from '../settings/tenant-settings.service';
import { TextModels } from '../training/text-models';
import { textModelId } from '../training/model-outcomes';
import { classificationInputOf, correctedComplaint } from './intake-record';

/** A classification decision for one complaint, as the classification decider takes it. */
export type ClassifyCommand = ClassificationCommand & { readonly complaintId: string };

/** Top candidates of the trained model, as the classifier's proposal. */
const proposalOf = (classifier: TextClassifier) => (text: string) => ({
  ranking: classifier
    .predict(text)
    .ranking.slice(0, 5)
    .map((r) => ({ category: r.label, confidence: r.confidence })),
});

/**
 * Classifies complaints with the tenant's taxonomy, rules, confidence and collective thresholds and active text model
 * (the taxonomy's keywords before one is trained), and records each decision on the complaint's
 * classification stream, caused by the event it reacts to: a redelivered event appends nothing.
 */
@Injectable()
export class ComplaintClassifier {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly settings: TenantSettings,
    private readonly models: TextModels,
  ) {}

  /** What the classifier decides about a complaint, recording nothing. */
  async classify(input: ClassificationInput): Promise<Classification> {
    const [taxonomy, rules, confidenceThreshold, collectiveThreshold, model] = await Promise.all([
      this.settings.taxonomy(input.tenantId),
      this.settings.rules(input.tenantId),
      this.settings.confidenceThreshold(input.tenantId),
      this.settings.collectiveThreshold(input.tenantId),
      this.models.active(input.tenantId),
    ]);
    return classifyComplaint(input, {
      taxonomy,
      rules,
      confidenceThreshold,
      collectiveThreshold,
      ...(model && {
        proposeCategory: proposalOf(model.classifier),
        model: { id: textModelId(input.tenantId), version: model.version },
      }),
    });
  }

  /**
   * Records the classifier's decision on the complaint's classification stream in reaction to
   * `cause` (its tenant, branch and correlation; caused by it), at the instant `command` is built for.
   */
  record(
    cause: RecordedEvent,
    command: (at: string) => ClassifyCommand,
  ): Promise<CommandResult<ComplaintClassificationState>> {
    const metadata = reactionMetadata(cause, CLASSIFICATION_ACTOR, this.clock);
    const decided = command(metadata.occurredAt);
    return handleCommand(
      this.store,
      this.registry,
      classificationDecider,
      classificationStream(decided.complaintId),
      decided,
      metadata,
    );
  }

  /**
   * Classifies a complaint again once it belongs to a collective incident (the incident event that
   * says so is the cause), with the incident's complainants in place of its own (when more), so that
   * the tenant's rules for collective complaints decide scope and severity (by default collective and
   * at least major; critical with a threat of petition, media or court). A complaint a person took
   * out of its incident is classified again with 0 for the incident's: its own count decides. Recorded
   * once per incident event, never over a person's reclassification; undefined when the complaint has
   * no intake record.
   */
  async collective(
    cause: RecordedEvent,
    complaintId: string,
    complainantCount: number,
  ): Promise<CommandResult<ComplaintClassificationState> | undefined> {
    const intake = await this.store.readStream(intakeStream(complaintId));
    if (!intake.some((e) => e.type === 'ComplaintReceived')) return undefined;
    const complaint = correctedComplaint(intake);
    const input = {
      ...classificationInputOf(cause.tenantId, complaint, intake),
      complainantCount: Math.max(complaint.complainantCount, complainantCount),
    };
    const { outcome, decision } = await this.classify(input);
    return this.record({ ...cause, correlationId: complaintId, branchId: complaint.branchId }, (at) => ({
      type: 'ClassifyCollectiveComplaint',
      complaintId,
      outcome,
      decision,
      at,
    }));
  }
}
