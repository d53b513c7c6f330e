import {
  type ClassificationSettingsEvent,
  type ModelScores,
  modelStream,
} from '@kesu/classification-contracts';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { settingsDecider, type SettingsState } from '@kesu/classification-domain';
import { type ClassifierModelJson, TextClassifier } from '@kesu/classification-text-model';
import { type EventTypeRegistry, fold, type RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE, EVENT_STORE } from '@kesu/platform';
import type { Collection, Document, DocumentStore, EventStore } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { type CompactModelJson, compactModel, expandModel, splitText } from './model-storage';

export const TEXT_MODELS = 'classification_models';
/** The parts of the models' compact JSON (see `model-storage.ts`), several per model version. */
export const TEXT_MODEL_PARTS = 'classification_model_parts';

/** One trained model of a tenant: one document per model version, its weights in parts. */
export interface TextModelDocument extends Document {
  readonly tenantId: string;
  readonly version: number;
  readonly scores: ModelScores;
  /** The score it was compared with: the previous model's options retrained on the same part. */
  readonly baseline: ModelScores | null;
  /** Models stored before the parts: the whole model JSON in this document (still read). */
  readonly model?: ClassifierModelJson;
  /** Where the model is: `parts` documents `<_id>:<write>:<index>` in TEXT_MODEL_PARTS. */
  readonly stored?: { readonly write: string; readonly parts: number; readonly chars: number };
  readonly trainedAt: string;
}

/** A slice of a model's compact JSON text. */
export interface TextModelPart extends Document {
  readonly tenantId: string;
  readonly version: number;
  readonly index: number;
  readonly text: string;
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
  private readonly parts: Collection<TextModelPart>;
  private readonly loaded = new Map<string, { version: number; classifier: TextClassifier }>();
  /** Per tenant, the model stream folded up to a revision: the stream grows by every training. */
  private readonly folded = new Map<string, { state: SettingsState; revision: number }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {
    this.models = documents.collection<TextModelDocument>(TEXT_MODELS);
    this.parts = documents.collection<TextModelPart>(TEXT_MODEL_PARTS);
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

  /**
   * What the model stream adds up to now, reading only the events after those folded before (so a
   * classification costs the same however many trainings the tenant has had).
   */
  async current(tenantId: string): Promise<SettingsState> {
    const known = this.folded.get(tenantId);
    const fromRevision = known ? known.revision + 1 : 0;
    const events = await this.store.readStream(modelStream(tenantId), { fromRevision });
    if (known && events.length === 0) return known.state;
    const state = events.reduce(
      (s, e) => settingsDecider.evolve(s, this.registry.toDomain<ClassificationSettingsEvent>(e)),
      known?.state ?? settingsDecider.initialState(),
    );
    if (events.length > 0) this.folded.set(tenantId, { state, revision: events.at(-1)!.revision });
    return state;
  }

  /** The active model, or undefined before one was activated. */
  async active(tenantId: string): Promise<{ version: number; classifier: TextClassifier } | undefined> {
    const state = await this.current(tenantId);
    if (state.activeModel === undefined) return undefined;
    const cached = this.loaded.get(tenantId);
    if (cached?.version === state.activeModel) return cached;
    const doc = await this.models.get(modelId(tenantId, state.activeModel));
    const model = doc && (await this.modelOf(doc));
    if (!model) return undefined;
    const active = { version: state.activeModel, classifier: TextClassifier.fromJSON(model) };
    this.loaded.set(tenantId, active);
    return active;
  }

  /**
   * Stores a trained model before it is activated: its parts first, then the version's document
   * naming them (a write of its own, so a second write of the same version never mixes parts).
   */
  async save(
    doc: Omit<TextModelDocument, '_id' | 'model' | 'stored'>,
    model: ClassifierModelJson,
  ): Promise<void> {
    const _id = modelId(doc.tenantId, doc.version);
    const write = randomUUID().slice(0, 8);
    const text = JSON.stringify(compactModel(model));
    const parts = splitText(text);
    for (const [index, part] of parts.entries()) {
      await this.parts.put({
        _id: `${_id}:${write}:${index}`,
        tenantId: doc.tenantId,
        version: doc.version,
        index,
        text: part,
      });
    }
    await this.models.put({ _id, ...doc, stored: { write, parts: parts.length, chars: text.length } });
  }

  /** Whether the version's weights are stored (a version rejected by the held-out gate never is). */
  async isStored(tenantId: string, version: number): Promise<boolean> {
    return (await this.models.get(modelId(tenantId, version))) !== null;
  }

  /** A stored version's model JSON, reassembled from its parts (or as stored whole, before parts). */
  async modelOf(doc: TextModelDocument): Promise<ClassifierModelJson | null> {
    if (doc.model) return doc.model;
    if (!doc.stored) return null;
    const { write, parts } = doc.stored;
    const ids = Array.from({ length: parts }, (_, i) => `${doc._id}:${write}:${i}`);
    const found = (await this.parts.getMany(ids)).sort((a, b) => a.index - b.index);
    if (found.length !== parts) throw new Error(`model ${doc._id}: ${found.length} of ${parts} parts found`);
    return expandModel(JSON.parse(found.map((p) => p.text).join('')) as CompactModelJson);
  }

  /**
   * When the tenant's last training (its model activated or rejected) read its examples; undefined
   * before the first.
   */
  async lastTrainingExamplesAsOf(tenantId: string): Promise<string | undefined> {
    const { events } = await this.history(tenantId);
    let last: string | undefined;
    for (const event of events.map((e) => this.registry.toDomain<ClassificationSettingsEvent>(e))) {
      if (event.type === 'ModelTrained') last = event.data.examplesAsOf ?? event.data.trainedAt;
    }
    return last;
  }

  /** The tenant's model versions, newest first, the active one, and the model stream's revision. */
  async versions(
    tenantId: string,
  ): Promise<{ active: number | null; versions: ModelVersion[]; revision: number }> {
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
    return { active, versions: listed.reverse(), revision: events.length - 1 };
  }
}

const modelId = (tenantId: string, version: number) => `${tenantId}:v${version}`;
