import { Inject, Injectable } from '@nestjs/common';
import {
  type Classification,
  type ClassificationInput,
  classificationDecider,
  classificationStream,
  classifyComplaint,
  type ComplaintClassificationState,
  type TextClassifier,
} from '@kesu/classification-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand } from '@kesu/ports';
import { CLASSIFICATION_ACTOR, CLASSIFICATION_EVENTS } from '../classification-events';
import { TenantSettings } from '../settings/tenant-settings.service';
import { TextModels } from '../training/text-models';

/** The fields of intake's ComplaintReceived (v1) that classification reads. */
export interface ReceivedComplaint {
  readonly complaintId: string;
  readonly channel: string;
  readonly branchId: string;
  readonly subject: { readonly type: string; readonly name?: string };
  readonly description: string;
  readonly expectedRemedy?: string;
  readonly emotion?: string;
  readonly complainantCount: number;
  readonly receivedAt: string;
}

/** Top candidates of the trained model, as the classifier's proposal. */
const proposalOf = (classifier: TextClassifier) => (text: string) => ({
  ranking: classifier
    .predict(text)
    .ranking.slice(0, 5)
    .map((r) => ({ category: r.label, confidence: r.confidence })),
});

/**
 * Classifies received complaints with the tenant's taxonomy, rules and active text model (the
 * taxonomy's keywords before one is trained), and records the decision on the complaint's
 * classification stream, caused by the intake event: a redelivered event appends nothing.
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
    const [taxonomy, rules, model] = await Promise.all([
      this.settings.taxonomy(input.tenantId),
      this.settings.rules(input.tenantId),
      this.models.active(input.tenantId),
    ]);
    return classifyComplaint(input, {
      taxonomy,
      rules,
      ...(model && {
        proposeCategory: proposalOf(model.classifier),
        model: { id: `text-model-${input.tenantId}`, version: model.version },
      }),
    });
  }

  /** Classifies the complaint intake received and records it (once). */
  async received(event: RecordedEvent): Promise<CommandResult<ComplaintClassificationState>> {
    const data = event.data as ReceivedComplaint;
    const intake = await this.store.readStream(event.streamId);
    const repeat = intake.find((e) => e.type === 'RepeatComplaintFlagged');
    const input: ClassificationInput = {
      complaintId: data.complaintId,
      tenantId: event.tenantId,
      branchId: data.branchId,
      channel: data.channel,
      subject: data.subject,
      description: data.description,
      ...(data.expectedRemedy !== undefined && { expectedRemedy: data.expectedRemedy }),
      ...(data.emotion !== undefined && { emotion: data.emotion }),
      complainantCount: data.complainantCount,
      ...(repeat && { repeatOf: (repeat.data as { repeatOf: string }).repeatOf }),
      receivedAt: data.receivedAt,
    };
    const { outcome, decision } = await this.classify(input);
    const at = this.clock.now().toISOString();
    return handleCommand(
      this.store,
      this.registry,
      classificationDecider,
      classificationStream(data.complaintId),
      { type: 'ClassifyComplaint', complaintId: data.complaintId, outcome, decision, at },
      {
        occurredAt: at,
        tenantId: event.tenantId,
        branchId: event.branchId,
        correlationId: event.correlationId,
        causationId: event.eventId,
        actor: CLASSIFICATION_ACTOR,
      },
    );
  }
}
