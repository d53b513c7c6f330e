import { Inject, Injectable } from '@nestjs/common';
import {
  type ClassificationSettingsEvent,
  type ClassifierModelJson,
  type ModelScores,
  modelStream,
  settingsDecider,
  type SettingsState,
  TextClassifier,
} from '@kesu/classification-domain';
import { type EventTypeRegistry, fold, type RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import type { Collection, Document, DocumentStore, EventStore } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';

export const TEXT_MODELS = 'classification_models';

/** One trained model of a tenant, as JSON: one document per model version. */
export interface TextModelDocument extends Document {
  readonly tenantId: string;
  readonly version: number;
  readonly scores: ModelScores;
  /** The score it was compared with: the previous model's options retrained on the same part. */
  readonly baseline: ModelScores | null;
  readonly model: ClassifierModelJson;
  readonly trainedAt: string;
}

/** A version of the tenant's model as `GET /api/v1/classification/models` lists it. */
export interface ModelVersion {
  readonly version: number;
  readonly status: 'active' | 'retired' | 'rejected';
  readonly scores: ModelScores;
  readonly activeVersion: number | null;
  readonly activeMacroF1: number | null;
  readonly baseline: ModelScores | null;
  readonly categories: readonly string[];
  readonly trainedAt: string;
  readonly reason: string | null;
}

/**
 * The tenant's text models: their history is the model stream (ModelTrained, then ModelActivated or
 * ModelRejected), their weights are documents. The active one is loaded once per version and kept.
 */
@Injectable()
export class TextModels {
  private readonly models: Collection<TextModelDocument>;
  private readonly loaded = new Map<string, { version: number; classifier: TextClassifier }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {
    this.models = documents.collection<TextModelDocument>(TEXT_MODELS);
  }

  /** The model stream's events and what they add up to. */
  async history(tenantId: string): Promise<{ state: SettingsState; events: RecordedEvent[] }> {
    const events = await this.store.readStream(modelStream(tenantId));
    const state = fold(
      settingsDecider,
      events.map((e) => this.registry.toDomain<ClassificationSettingsEvent>(e)),
    );
    return { state, events };
  }

  /** The active model, or undefined before one was activated. */
  async active(tenantId: string): Promise<{ version: number; classifier: TextClassifier } | undefined> {
    const { state } = await this.history(tenantId);
    if (state.activeModel === undefined) return undefined;
    const cached = this.loaded.get(tenantId);
    if (cached?.version === state.activeModel) return cached;
    const doc = await this.models.get(modelId(tenantId, state.activeModel));
    if (!doc) return undefined;
    const active = { version: doc.version, classifier: TextClassifier.fromJSON(doc.model) };
    this.loaded.set(tenantId, active);
    return active;
  }

  save(doc: Omit<TextModelDocument, '_id'>): Promise<void> {
    return this.models.put({ _id: modelId(doc.tenantId, doc.version), ...doc });
  }

  async versions(tenantId: string): Promise<{ active: number | null; versions: ModelVersion[] }> {
    const { state, events } = await this.history(tenantId);
    const versions = new Map<number, ModelVersion>();
    for (const event of events.map((e) => this.registry.toDomain<ClassificationSettingsEvent>(e))) {
      if (event.type === 'ModelTrained') {
        const { modelVersion, scores, activeVersion, activeMacroF1, baseline, categories, trainedAt } =
          event.data;
        versions.set(modelVersion, {
          version: modelVersion,
          status: 'retired',
          scores,
          activeVersion: activeVersion ?? null,
          activeMacroF1: activeMacroF1 ?? null,
          baseline: baseline ?? null,
          categories,
          trainedAt,
          reason: null,
        });
      } else if (event.type === 'ModelRejected') {
        const version = versions.get(event.data.modelVersion);
        if (version)
          versions.set(version.version, { ...version, status: 'rejected', reason: event.data.reason });
      }
    }
    const active = state.activeModel ?? null;
    const listed = [...versions.values()].map((v) =>
      v.version === active ? { ...v, status: 'active' as const } : v,
    );
    return { active, versions: listed.reverse() };
  }
}

const modelId = (tenantId: string, version: number) => `${tenantId}:v${version}`;
