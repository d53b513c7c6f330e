import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  evolveModelDecisionOutcome,
  type ModelDecisionOutcome,
  modelDecisionOutcomeHandles,
} from '@kesu/classification-domain';
import { type EventTypeRegistry, topicForCategory } from '@kesu/kernel';
import {
  BackgroundWorkers,
  DOCUMENT_STORE,
  EVENT_STORE,
  MESSAGE_LOG,
  Metrics,
  watchConsumerLag,
} from '@kesu/platform';
import {
  type Collection,
  type Consumer,
  type DocumentStore,
  type EventStore,
  type MessageLog,
  type Projected,
  type Projection,
  projectionGroup,
  runProjection,
} from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';

export type ModelOutcomeDocument = ModelDecisionOutcome & Projected;

export const MODEL_OUTCOMES = 'classification_outcomes';

/** The id the classifier records for a tenant's text model (`decision.model.id`). */
export const textModelId = (tenantId: string): string => `text-model-${tenantId}`;

/**
 * What became of each machine classification, from classification's own events. A new consumer
 * group reads the topic from its start, so classifications recorded before it existed count too.
 * 1: the first fold (raising it needs a rebuild, `prepareProjection`, before consuming).
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
  private consumer?: Consumer;

  constructor(
    @Inject(MESSAGE_LOG) private readonly log: MessageLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly workers: BackgroundWorkers,
    private readonly metrics: Metrics,
  ) {
    this.outcomes = documents.collection<ModelOutcomeDocument>(MODEL_OUTCOMES);
  }

  async onModuleInit(): Promise<void> {
    await this.outcomes.ensureIndex(['tenantId', 'modelId', 'modelVersion']);
    const { name, topics } = modelOutcomesProjection;
    watchConsumerLag(this.metrics, this.log, projectionGroup(name), topics);
    this.workers.register({
      name: projectionGroup(name),
      start: () => {
        this.consumer = runProjection(
          modelOutcomesProjection,
          this.log,
          this.documents,
          this.registry,
          this.store,
        );
      },
      stop: async () => {
        await this.consumer?.stop();
      },
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
