import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  evolveModelDecisionOutcome,
  type ModelDecisionOutcome,
  modelDecisionOutcomeHandles,
} from '@kesu/classification-domain';
import { type EventTypeRegistry, topicForCategory } from '@kesu/kernel';
import { DOCUMENT_STORE, Projections } from '@kesu/platform';
import { type Collection, type DocumentStore, type Projected, type Projection } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';

export type ModelOutcomeDocument = ModelDecisionOutcome & Projected;

export const MODEL_OUTCOMES = 'classification_outcomes';

/** The id the classifier records for a tenant's text model (`decision.model.id`). */
export const textModelId = (tenantId: string): string => `text-model-${tenantId}`;

/**
 * What became of each machine classification, from classification's own events. A new consumer
 * group reads the topic from its start, so classifications recorded before it existed count too.
 * 1: the first fold (raise it with every change: `Projections` then rebuilds the documents at start).
 */
export const modelOutcomesProjection: Projection<ModelOutcomeDocument> = {
  name: 'classification-outcomes',
  version: 1,
  collection: MODEL_OUTCOMES,
  topics: [topicForCategory('classification')],
  handles: modelDecisionOutcomeHandles,
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => evolveModelDecisionOutcome(doc, event),
};

/** How one model version has fared in production. */
export interface ModelProduction {
  /** Complaints it classified (their latest machine classification). */
  readonly classified: number;
  /** … of which it was not confident enough about: a person was asked to classify them. */
  readonly flagged: number;
  /** … that a person classified after it, confirming or correcting its category. */
  readonly reviewed: number;
  /** … whose category a person changed. */
  readonly corrected: number;
  /** corrected / classified; null before it classified anything. */
  readonly correctionRate: number | null;
}

/**
 * The production record of the tenant's models: every machine classification and whether a
 * person corrected it, kept by a projection of classification's events, counted per model version.
 */
@Injectable()
export class ModelOutcomes implements OnModuleInit {
  private readonly outcomes: Collection<ModelOutcomeDocument>;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly events: EventTypeRegistry,
    private readonly projections: Projections,
  ) {
    this.outcomes = documents.collection<ModelOutcomeDocument>(MODEL_OUTCOMES);
  }

  async onModuleInit(): Promise<void> {
    await this.projections.register({
      projection: modelOutcomesProjection,
      events: this.events,
      indexes: [{ fields: ['tenantId', 'modelId', 'modelVersion'] }],
    });
  }

  /** How the version of the tenant's text model has fared. */
  async production(tenantId: string, version: number): Promise<ModelProduction> {
    const of = { tenantId, modelId: textModelId(tenantId), modelVersion: version };
    const [classified, flagged, reviewed, corrected] = await Promise.all([
      this.outcomes.count(of),
      this.outcomes.count({ ...of, flagged: true }),
      this.outcomes.count({ ...of, reviewed: true }),
      this.outcomes.count({ ...of, correctedTo: { $ne: null } }),
    ]);
    const correctionRate = classified === 0 ? null : Math.round((corrected / classified) * 10_000) / 10_000;
    return { classified, flagged, reviewed, corrected, correctionRate };
  }
}
