import type { DomainEvent } from '@kesu/kernel';
import type { RuleSet, Taxonomy } from './vocabulary';

// ---------------------------------------------------------------- tenant settings events

/** A tenant's category tree was replaced (from a pack or as a whole tree); `taxonomy.version` rose. */
export interface TaxonomyChangedData {
  readonly tenantId: string;
  readonly taxonomy: Taxonomy;
  readonly changedBy: string;
  readonly changedAt: string;
  /** Why, as the administrator gave it; absent in changes recorded before it was asked for. */
  readonly reason?: string;
}

/** A tenant's rule set was replaced; `ruleSet.version` rose. */
export interface RuleSetChangedData {
  readonly tenantId: string;
  readonly ruleSet: RuleSet;
  readonly changedBy: string;
  readonly changedAt: string;
  /** Why, as the administrator gave it; absent in changes recorded before it was asked for. */
  readonly reason?: string;
}

/**
 * A tenant's confidence threshold was changed: below it a complaint is flagged for human
 * classification instead of trusting the model's guess (the default is 0.5, DEFAULT_CONFIDENCE_THRESHOLD).
 */
export interface ConfidenceThresholdChangedData {
  readonly tenantId: string;
  /** Between 0 and 1 inclusive. */
  readonly confidenceThreshold: number;
  /** The threshold it replaced (the default before the first change). */
  readonly previousThreshold: number;
  readonly changedBy: string;
  readonly changedAt: string;
  /** Why, as the administrator gave it; absent in changes recorded before it was asked for. */
  readonly reason?: string;
}

/**
 * A tenant's automatic retraining policy was changed: its text model is retrained by the service
 * once this many labeled examples (corrections, closed complaints, imports) have been added since
 * its last training; 0 turns automatic retraining off (the default is DEFAULT_AUTO_RETRAIN_AFTER).
 */
export interface AutoRetrainChangedData {
  readonly tenantId: string;
  /** A whole number from 0 (off) to MAX_AUTO_RETRAIN_AFTER. */
  readonly autoRetrainAfter: number;
  /** The value it replaced (the default before the first change). */
  readonly previousAutoRetrainAfter: number;
  readonly changedBy: string;
  readonly changedAt: string;
  /** Why, as the administrator gave it; absent in changes recorded before it was asked for. */
  readonly reason?: string;
}

/**
 * A tenant's collective threshold was changed: from how many complainants (one complaint on behalf
 * of many) or complaints (about one matter) a matter is collective (the default is 5,
 * DEFAULT_COLLECTIVE_THRESHOLD).
 */
export interface CollectiveThresholdChangedData {
  readonly tenantId: string;
  /** A whole number from 2 to 1000. */
  readonly collectiveThreshold: number;
  /** The value it replaced (the default before the first change). */
  readonly previousCollectiveThreshold: number;
  readonly changedBy: string;
  readonly changedAt: string;
  /** Why, as the administrator gave it. */
  readonly reason: string;
}

/** How a model scored on the held-out part of the tenant's examples. */
export interface ModelScores {
  readonly macroF1: number;
  readonly accuracy: number;
  /** Examples it was trained on and tested on. */
  readonly trainedOn: number;
  readonly heldOut: number;
}

/** A new text model was trained on the tenant's examples and scored on a held-out part of them. */
export interface ModelTrainedData {
  readonly tenantId: string;
  readonly modelVersion: number;
  readonly scores: ModelScores;
  /**
   * The model active when this one was trained and the macro-F1 it was compared with: that of the
   * active model's options retrained on the same part and scored on the same held-out part (the
   * active model itself has seen those examples). Absent when none was active.
   */
  readonly activeVersion?: number;
  readonly activeMacroF1?: number;
  /** The baseline's scores in full (the active model's options retrained on the same examples). */
  readonly baseline?: ModelScores;
  readonly categories: readonly string[];
  readonly trainedAt: string;
  /**
   * When the training read the tenant's examples: those added later count towards the next
   * automatic retraining. Absent in trainings recorded before it was kept (then `trainedAt`).
   */
  readonly examplesAsOf?: string;
}

/** The trained model scored at least as well as the active one: it classifies from now on. */
export interface ModelActivatedData {
  readonly tenantId: string;
  readonly modelVersion: number;
  readonly previousVersion?: number;
  readonly activatedAt: string;
  /** Who activated an earlier version by hand (a rollback); absent when its training activated it. */
  readonly activatedBy?: string;
  /** Why, as they gave it. */
  readonly reason?: string;
}

/** The trained model scored worse than the active one, which stays. */
export interface ModelRejectedData {
  readonly tenantId: string;
  readonly modelVersion: number;
  readonly reason: string;
  readonly rejectedAt: string;
}

export type TaxonomyChanged = DomainEvent<'TaxonomyChanged', TaxonomyChangedData>;
export type RuleSetChanged = DomainEvent<'RuleSetChanged', RuleSetChangedData>;
export type ConfidenceThresholdChanged = DomainEvent<
  'ConfidenceThresholdChanged',
  ConfidenceThresholdChangedData
>;
export type AutoRetrainChanged = DomainEvent<'AutoRetrainChanged', AutoRetrainChangedData>;
export type CollectiveThresholdChanged = DomainEvent<
  'CollectiveThresholdChanged',
  CollectiveThresholdChangedData
>;
export type ModelTrained = DomainEvent<'ModelTrained', ModelTrainedData>;
export type ModelActivated = DomainEvent<'ModelActivated', ModelActivatedData>;
export type ModelRejected = DomainEvent<'ModelRejected', ModelRejectedData>;

export type ClassificationSettingsEvent =
  | TaxonomyChanged
  | RuleSetChanged
  | ConfidenceThresholdChanged
  | AutoRetrainChanged
  | CollectiveThresholdChanged
  | ModelTrained
  | ModelActivated
  | ModelRejected;
