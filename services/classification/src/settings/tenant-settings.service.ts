import {
  autoRetrainStream,
  type ClassificationSettingsEvent,
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
  DEFAULT_CONFIDENCE_THRESHOLD,
  DEFAULT_RULE_SET,
  type SettingsCommand,
  settingsDecider,
  taxonomyPack,
} from '@kesu/classification-domain';
import type { Actor, EventTypeRegistry } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { CLASSIFICATION_EVENTS } from '../classification-events';

/** The pack a tenant's taxonomy starts from until an administrator chooses another. */
export const DEFAULT_PACK: TaxonomyPack = 'general';

/** The version of the default pack and rule set: the first change is version 2. */
const DEFAULT_VERSION = 1;

/** Who changes a setting, and where they stand in the org tree. */
export interface SettingsAuthor {
  readonly tenantId: string;
  readonly branchId: string;
  readonly actor: Actor;
  /** The request's causation id: a retried request appends nothing twice. */
  readonly causationId?: string;
}

/** A tenant's classification settings besides taxonomy and rules, as `GET …/classification/settings` shows them. */
export interface ClassificationSettingsView {
  /** Below it a complaint is flagged for human classification (0–1; 0.5 until changed). */
  readonly confidenceThreshold: number;
  /** New labeled examples after which the service retrains the tenant's model (0: never; 50 until changed). */
  readonly autoRetrainAfter: number;
}

/** A change of the settings: either or both. */
export interface SettingsChange {
  readonly confidenceThreshold?: number;
  readonly autoRetrainAfter?: number;
}

/**
 * A tenant's taxonomy, rule set, confidence threshold and retraining policy: the last
 * TaxonomyChanged / RuleSetChanged / ConfidenceThresholdChanged / AutoRetrainChanged of its streams,
 * or the default pack, rule set (version 1), threshold (DEFAULT_CONFIDENCE_THRESHOLD) and policy
 * (DEFAULT_AUTO_RETRAIN_AFTER) before the first change.
 */
@Injectable()
export class TenantSettings {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLASSIFICATION_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async taxonomy(tenantId: string): Promise<Taxonomy> {
    const last = await this.last(taxonomyStream(tenantId));
    return last?.type === 'TaxonomyChanged' ? last.data.taxonomy : taxonomyPack(DEFAULT_PACK);
  }

  async rules(tenantId: string): Promise<RuleSet> {
    const last = await this.last(ruleSetStream(tenantId));
    return last?.type === 'RuleSetChanged' ? last.data.ruleSet : DEFAULT_RULE_SET;
  }

  async confidenceThreshold(tenantId: string): Promise<number> {
    const last = await this.last(thresholdStream(tenantId));
    return last?.type === 'ConfidenceThresholdChanged'
      ? last.data.confidenceThreshold
      : DEFAULT_CONFIDENCE_THRESHOLD;
  }

  async autoRetrainAfter(tenantId: string): Promise<number> {
    const last = await this.last(autoRetrainStream(tenantId));
    return last?.type === 'AutoRetrainChanged' ? last.data.autoRetrainAfter : DEFAULT_AUTO_RETRAIN_AFTER;
  }

  async settings(tenantId: string): Promise<ClassificationSettingsView> {
    const [confidenceThreshold, autoRetrainAfter] = await Promise.all([
      this.confidenceThreshold(tenantId),
      this.autoRetrainAfter(tenantId),
    ]);
    return { confidenceThreshold, autoRetrainAfter };
  }

  /**
   * Records ConfidenceThresholdChanged and/or AutoRetrainChanged, each on its stream (nothing for a
   * value that stays the same).
   */
  async changeSettings(author: SettingsAuthor, change: SettingsChange): Promise<ClassificationSettingsView> {
    const { tenantId } = author;
    const now = this.clock.now().toISOString();
    const by = author.actor.id;
    if (change.confidenceThreshold !== undefined) {
      const { confidenceThreshold } = change;
      const command: SettingsCommand = {
        type: 'ChangeConfidenceThreshold',
        tenantId,
        confidenceThreshold,
        by,
        at: now,
      };
      await this.handle(thresholdStream(tenantId), command, author, now);
    }
    if (change.autoRetrainAfter !== undefined) {
      const { autoRetrainAfter } = change;
      const command: SettingsCommand = { type: 'ChangeAutoRetrain', tenantId, autoRetrainAfter, by, at: now };
      await this.handle(autoRetrainStream(tenantId), command, author, now);
    }
    return this.settings(tenantId);
  }

  async changeTaxonomy(author: SettingsAuthor, taxonomy: Omit<Taxonomy, 'version'>): Promise<Taxonomy> {
    const now = this.clock.now().toISOString();
    const command: SettingsCommand = {
      type: 'ChangeTaxonomy',
      tenantId: author.tenantId,
      taxonomy,
      baseVersion: DEFAULT_VERSION,
      by: author.actor.id,
      at: now,
    };
    const { state } = await this.handle(taxonomyStream(author.tenantId), command, author, now);
    return state.taxonomy!;
  }

  async changeRules(author: SettingsAuthor, rules: RuleSet['rules']): Promise<RuleSet> {
    const now = this.clock.now().toISOString();
    const command: SettingsCommand = {
      type: 'ChangeRuleSet',
      tenantId: author.tenantId,
      rules,
      baseVersion: DEFAULT_VERSION,
      by: author.actor.id,
      at: now,
    };
    const { state } = await this.handle(ruleSetStream(author.tenantId), command, author, now);
    return state.ruleSet!;
  }

  private handle(streamId: string, command: SettingsCommand, author: SettingsAuthor, now: string) {
    return handleCommand(this.store, this.registry, settingsDecider, streamId, command, {
      occurredAt: now,
      tenantId: author.tenantId,
      branchId: author.branchId,
      correlationId: streamId.slice(streamId.indexOf('-') + 1),
      causationId: author.causationId ?? `request-${uuidv7()}`,
      actor: author.actor,
    });
  }

  private async last(streamId: string): Promise<ClassificationSettingsEvent | undefined> {
    const [event] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return event && this.registry.toDomain<ClassificationSettingsEvent>(event);
  }
}
