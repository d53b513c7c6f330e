import {
  autoRetrainStream,
  type ClassificationSettingsEvent,
  collectiveThresholdStream,
  type RuleSet,
  type Taxonomy,
  type TaxonomyPack,
  taxonomyStream,
  ruleSetStream,
  thresholdStream,
} from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_AUTO_RETRAIN_AFTER,
  DEFAULT_COLLECTIVE_THRESHOLD,
  DEFAULT_CONFIDENCE_THRESHOLD,
  DEFAULT_RULE_SET,
  taxonomyPack,
} from '@kesu/classification-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';

/**
 * How long the values classification reads for every complaint are answered from memory: a change
 * made in this process applies at once (`forget`), one made by another process within this time.
 */
export const SETTINGS_FRESH_MS = 1_000;

/** The pack a tenant's taxonomy starts from until an administrator chooses another. */
export const DEFAULT_PACK: TaxonomyPack = 'general';

/** A setting as it stands, and the revision of its stream (-1: never changed, the default applies). */
export interface Setting<T> {
  readonly value: T;
  readonly revision: number;
}

/** The settings `GET …/classification/settings` answers, each on a stream of its own. */
export const SETTINGS_STREAMS = {
  confidenceThreshold: thresholdStream,
  autoRetrainAfter: autoRetrainStream,
  collectiveThreshold: collectiveThresholdStream,
} as const;

export type SettingName = keyof typeof SETTINGS_STREAMS;

/** A tenant's classification settings besides taxonomy and rules, as `GET …/classification/settings` shows them. */
export interface ClassificationSettingsView {
  /** Below it a complaint is flagged for human classification (0–1; 0.5 until changed). */
  readonly confidenceThreshold: number;
  /** New labeled examples after which the service retrains the tenant's model (0: never; 50 until changed). */
  readonly autoRetrainAfter: number;
  /** From how many complainants or complaints a matter is collective (2–1000; 5 until changed). */
  readonly collectiveThreshold: number;
  /**
   * How many changes of these settings are recorded, minus one (-1: none, the defaults apply): it
   * rises with every change of any of them, so it is what an If-Match names.
   */
  readonly revision: number;
}

/**
 * The revision of the settings as one thing, from the revisions of their streams: every change
 * appends one event to one of them, so the count of their events minus one rises with each.
 */
export const settingsRevision = (settings: Readonly<Record<SettingName, { revision: number }>>): number =>
  Object.values(settings).reduce((sum, { revision }) => sum + revision + 1, 0) - 1;

/**
 * A tenant's taxonomy, rule set, confidence threshold, retraining policy and collective threshold:
 * the last TaxonomyChanged / RuleSetChanged / ConfidenceThresholdChanged / AutoRetrainChanged /
 * CollectiveThresholdChanged of its streams, or the default pack, rule set (version 1), threshold
 * (DEFAULT_CONFIDENCE_THRESHOLD), policy (DEFAULT_AUTO_RETRAIN_AFTER) and collective threshold
 * (DEFAULT_COLLECTIVE_THRESHOLD) before the first change; each with its stream's revision.
 */
@Injectable()
export class TenantSettings {
  /** The values last read, by stream, with when (a monotonic clock: freshness, not domain time). */
  private readonly recent = new Map<string, { readonly value: unknown; readonly readAt: number }>();
  /** How many times each stream's setting was forgotten: a read begun before a change is not kept. */
  private readonly forgotten = new Map<string, number>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  /** The stream's setting changed here: the next read reads it. */
  forget(streamId: string): void {
    this.recent.delete(streamId);
    this.forgotten.set(streamId, (this.forgotten.get(streamId) ?? 0) + 1);
  }

  taxonomySetting(tenantId: string): Promise<Setting<Taxonomy>> {
    return this.setting(taxonomyStream(tenantId), taxonomyPack(DEFAULT_PACK), (e) =>
      e.type === 'TaxonomyChanged' ? e.data.taxonomy : undefined,
    );
  }

  ruleSetSetting(tenantId: string): Promise<Setting<RuleSet>> {
    return this.setting(ruleSetStream(tenantId), DEFAULT_RULE_SET, (e) =>
      e.type === 'RuleSetChanged' ? e.data.ruleSet : undefined,
    );
  }

  /*
   * The values alone, as classification reads them for every complaint: from memory for
   * SETTINGS_FRESH_MS. The settings with their revisions (what a change is decided on, what the
   * routes answer) are read from the store every time.
   */

  taxonomy(tenantId: string): Promise<Taxonomy> {
    return this.recently(taxonomyStream(tenantId), () => this.taxonomySetting(tenantId));
  }

  rules(tenantId: string): Promise<RuleSet> {
    return this.recently(ruleSetStream(tenantId), () => this.ruleSetSetting(tenantId));
  }

  confidenceThreshold(tenantId: string): Promise<number> {
    return this.recentlyNamed('confidenceThreshold', tenantId);
  }

  autoRetrainAfter(tenantId: string): Promise<number> {
    return this.recentlyNamed('autoRetrainAfter', tenantId);
  }

  /** From how many complainants or complaints a matter is collective for the tenant. */
  collectiveThreshold(tenantId: string): Promise<number> {
    return this.recentlyNamed('collectiveThreshold', tenantId);
  }

  private recentlyNamed(name: SettingName, tenantId: string): Promise<number> {
    return this.recently(SETTINGS_STREAMS[name](tenantId), () => this.named(name, tenantId));
  }

  private async recently<T>(streamId: string, read: () => Promise<Setting<T>>): Promise<T> {
    const now = performance.now();
    const held = this.recent.get(streamId);
    if (held && now - held.readAt < SETTINGS_FRESH_MS) return held.value as T;
    const generation = this.forgotten.get(streamId);
    const { value } = await read();
    if (this.forgotten.get(streamId) === generation) this.recent.set(streamId, { value, readAt: now });
    return value;
  }

  /** The settings besides taxonomy and rules, and their revision as one thing. */
  async settings(tenantId: string): Promise<ClassificationSettingsView> {
    const scalars = await this.scalars(tenantId);
    const { confidenceThreshold, autoRetrainAfter, collectiveThreshold } = scalars;
    return {
      confidenceThreshold: confidenceThreshold.value,
      autoRetrainAfter: autoRetrainAfter.value,
      collectiveThreshold: collectiveThreshold.value,
      revision: settingsRevision(scalars),
    };
  }

  /** Each of the settings besides taxonomy and rules, with its stream's revision. */
  async scalars(tenantId: string): Promise<Record<SettingName, Setting<number>>> {
    const [confidenceThreshold, autoRetrainAfter, collectiveThreshold] = await Promise.all([
      this.named('confidenceThreshold', tenantId),
      this.named('autoRetrainAfter', tenantId),
      this.named('collectiveThreshold', tenantId),
    ]);
    return { confidenceThreshold, autoRetrainAfter, collectiveThreshold };
  }

  private named(name: SettingName, tenantId: string): Promise<Setting<number>> {
    const streamId = SETTINGS_STREAMS[name](tenantId);
    switch (name) {
      case 'confidenceThreshold':
        return this.setting(streamId, DEFAULT_CONFIDENCE_THRESHOLD, (e) =>
          e.type === 'ConfidenceThresholdChanged' ? e.data.confidenceThreshold : undefined,
        );
      case 'autoRetrainAfter':
        return this.setting(streamId, DEFAULT_AUTO_RETRAIN_AFTER, (e) =>
          e.type === 'AutoRetrainChanged' ? e.data.autoRetrainAfter : undefined,
        );
      case 'collectiveThreshold':
        return this.setting(streamId, DEFAULT_COLLECTIVE_THRESHOLD, (e) =>
          e.type === 'CollectiveThresholdChanged' ? e.data.collectiveThreshold : undefined,
        );
    }
  }

  /** The value the last event of the stream set (the default before one) and the stream's revision. */
  private async setting<T>(
    streamId: string,
    fallback: T,
    valueOf: (event: ClassificationSettingsEvent) => T | undefined,
  ): Promise<Setting<T>> {
    const [last] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    if (!last) return { value: fallback, revision: -1 };
    const value = valueOf(this.registry.toDomain<ClassificationSettingsEvent>(last));
    return { value: value ?? fallback, revision: last.revision };
  }
}
