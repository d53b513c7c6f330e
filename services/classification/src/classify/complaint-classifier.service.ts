import { classificationStream } from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Classification,
  type ClassificationCommand,
  type ClassificationInput,
  classificationDecider,
  classificationText,
  classifyComplaint,
  type ComplaintClassificationState,
} from '@kesu/classification-domain';
import type { TextClassifier } from '@kesu/classification-text-model';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand } from '@kesu/ports';
import { CLASSIFICATION_ACTOR, CLASSIFICATION_EVENTS } from '../classification-events';
import { TenantSettings } from '../settings/tenant-settings.service';
import { TextModels } from '../training/text-models';
import { textModelId } from '../training/model-outcomes';

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

/** The fields of intake's RecordCorrected (v1) that classification reads. */
interface CorrectedRecord {
  readonly complaintId: string;
  readonly corrections?: Partial<
    Pick<ReceivedComplaint, 'subject' | 'description' | 'expectedRemedy' | 'emotion' | 'complainantCount'>
  >;
}

/** The corrected fields that can change a classification. */
const CLASSIFIED_FIELDS = [
  'description',
  'subject',
  'expectedRemedy',
  'emotion',
  'complainantCount',
] as const;

/** Intake's stream of a complaint (intake's `intakeStream`; a scope of its own, so not imported). */
export const intakeStreamOf = (complaintId: string): string => `intake-complaint-${complaintId}`;

/** The complaint as received, with the read-back corrections of an intake history applied in order. */
export function correctedComplaint(intake: readonly RecordedEvent[]): ReceivedComplaint {
  let complaint = intake.find((e) => e.type === 'ComplaintReceived')!.data as ReceivedComplaint;
  for (const event of intake.filter((e) => e.type === 'RecordCorrected')) {
    const corrections = (event.data as CorrectedRecord).corrections ?? {};
    complaint = {
      ...complaint,
      ...(corrections.subject !== undefined && { subject: corrections.subject }),
      ...(corrections.description !== undefined && { description: corrections.description }),
      ...(corrections.expectedRemedy !== undefined && { expectedRemedy: corrections.expectedRemedy }),
      ...(corrections.emotion !== undefined && { emotion: corrections.emotion }),
      ...(corrections.complainantCount !== undefined && { complainantCount: corrections.complainantCount }),
    };
  }
  return complaint;
}

/**
 * The complaint's text as the classifier reads it (subject name and description), with the
 * read-back corrections of its intake history applied: what a training example of it holds.
 */
export function classifiedText(intake: readonly RecordedEvent[]): string {
  return classificationText(correctedComplaint(intake));
}

/** What the classifier reads of a complaint, with intake's repeat flag from its history. */
function inputOf(
  tenantId: string,
  data: ReceivedComplaint,
  intake: readonly RecordedEvent[],
): ClassificationInput {
  const repeat = intake.find((e) => e.type === 'RepeatComplaintFlagged');
  return {
    complaintId: data.complaintId,
    tenantId,
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
}

/** Top candidates of the trained model, as the classifier's proposal. */
const proposalOf = (classifier: TextClassifier) => (text: string) => ({
  ranking: classifier
    .predict(text)
    .ranking.slice(0, 5)
    .map((r) => ({ category: r.label, confidence: r.confidence })),
});

/**
 * Classifies received (and read-back corrected) complaints with the tenant's taxonomy, rules,
 * confidence threshold and active text model (the taxonomy's keywords before one is trained), and
 * records the decision on the complaint's classification stream, caused by the intake event: a
 * redelivered event appends nothing.
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
    const [taxonomy, rules, confidenceThreshold, model] = await Promise.all([
      this.settings.taxonomy(input.tenantId),
      this.settings.rules(input.tenantId),
      this.settings.confidenceThreshold(input.tenantId),
      this.models.active(input.tenantId),
    ]);
    return classifyComplaint(input, {
      taxonomy,
      rules,
      confidenceThreshold,
      ...(model && {
        proposeCategory: proposalOf(model.classifier),
        model: { id: textModelId(input.tenantId), version: model.version },
      }),
    });
  }

  /** Classifies the complaint intake received and records it (once). */
  async received(event: RecordedEvent): Promise<CommandResult<ComplaintClassificationState>> {
    const data = event.data as ReceivedComplaint;
    const intake = await this.store.readStream(event.streamId);
    const input = inputOf(event.tenantId, data, intake);
    const { outcome, decision } = await this.classify(input);
    const at = this.clock.now().toISOString();
    return this.record(event, {
      type: 'ClassifyComplaint',
      complaintId: data.complaintId,
      outcome,
      decision,
      at,
    });
  }

  /**
   * Classifies a complaint again after the complainant corrected, at read-back (intake's
   * RecordCorrected), a field the classification reads (description, subject, expected remedy,
   * emotion, complainant count), from the record as corrected up to that event, and records another
   * ComplaintClassified caused by it: once per correction, and never over a person's
   * reclassification. A correction of other fields only (location, contact) is no reason to.
   * Answers undefined when it was no reason to.
   */
  async corrected(event: RecordedEvent): Promise<CommandResult<ComplaintClassificationState> | undefined> {
    const { complaintId, corrections } = event.data as CorrectedRecord;
    if (!CLASSIFIED_FIELDS.some((field) => corrections?.[field] !== undefined)) return undefined;
    const intake = (await this.store.readStream(event.streamId)).filter((e) => e.revision <= event.revision);
    const received = intake.find((e) => e.type === 'ComplaintReceived');
    if (!received) return undefined;
    const input = inputOf(event.tenantId, correctedComplaint(intake), intake);
    const { outcome, decision } = await this.classify(input);
    const at = this.clock.now().toISOString();
    return this.record(event, { type: 'ClassifyCorrectedComplaint', complaintId, outcome, decision, at });
  }

  /**
   * Classifies a complaint again once it belongs to a collective incident (the incident event that
   * says so is the cause), with the incident's complainants in place of its own (when more), so that
   * the tenant's rules for collective complaints decide scope and severity (by default collective and
   * at least major; critical with a threat of petition, media or court). A complaint a person took
   * out of its incident is classified again with 0 for the incident's: its own count decides. Recorded once per
   * incident event, never over a person's reclassification; undefined when the complaint has no
   * intake record.
   */
  async collective(
    cause: RecordedEvent,
    complaintId: string,
    complainantCount: number,
  ): Promise<CommandResult<ComplaintClassificationState> | undefined> {
    const intake = await this.store.readStream(intakeStreamOf(complaintId));
    if (!intake.some((e) => e.type === 'ComplaintReceived')) return undefined;
    const complaint = correctedComplaint(intake);
    const input = {
      ...inputOf(cause.tenantId, complaint, intake),
      complainantCount: Math.max(complaint.complainantCount, complainantCount),
    };
    const { outcome, decision } = await this.classify(input);
    const at = this.clock.now().toISOString();
    return this.record(
      { ...cause, correlationId: complaintId, branchId: complaint.branchId },
      { type: 'ClassifyCollectiveComplaint', complaintId, outcome, decision, at },
    );
  }

  private record(
    cause: RecordedEvent,
    command: ClassificationCommand & { readonly complaintId: string },
  ): Promise<CommandResult<ComplaintClassificationState>> {
    return handleCommand(
      this.store,
      this.registry,
      classificationDecider,
      classificationStream(command.complaintId),
      command,
      {
        occurredAt: command.at,
        tenantId: cause.tenantId,
        branchId: cause.branchId,
        correlationId: cause.correlationId,
        causationId: cause.eventId,
        actor: CLASSIFICATION_ACTOR,
      },
    );
  }
}
