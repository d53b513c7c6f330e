import { assertNever, type Decider, type DomainEvent, DomainRuleViolation } from '@kesu/kernel';
import type { RuleSet, Taxonomy } from './classification';
import { DEFAULT_CONFIDENCE_THRESHOLD } from './classify';

// ---------------------------------------------------------------- tenant settings events

/** A tenant's category tree was replaced (from a pack or as a whole tree); `taxonomy.version` rose. */
export interface TaxonomyChangedData {
  readonly tenantId: string;
  readonly taxonomy: Taxonomy;
  readonly changedBy: string;
  readonly changedAt: string;
}

/** A tenant's rule set was replaced; `ruleSet.version` rose. */
export interface RuleSetChangedData {
  readonly tenantId: string;
  readonly ruleSet: RuleSet;
  readonly changedBy: string;
  readonly changedAt: string;
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
}

/** Retrain a tenant's model after this many new labeled examples unless the tenant chose otherwise. */
export const DEFAULT_AUTO_RETRAIN_AFTER = 50;
/** The most `autoRetrainAfter` takes. */
export const MAX_AUTO_RETRAIN_AFTER = 1_000_000;

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
export type ModelTrained = DomainEvent<'ModelTrained', ModelTrainedData>;
export type ModelActivated = DomainEvent<'ModelActivated', ModelActivatedData>;
export type ModelRejected = DomainEvent<'ModelRejected', ModelRejectedData>;

export type ClassificationSettingsEvent =
  | TaxonomyChanged
  | RuleSetChanged
  | ConfidenceThresholdChanged
  | AutoRetrainChanged
  | ModelTrained
  | ModelActivated
  | ModelRejected;

/** A tenant's taxonomy stream (topic `complaints.classification.v1`, keyed by `taxonomy-<tenant>`). */
export const taxonomyStream = (tenantId: string): string => `classification-taxonomy-${tenantId}`;
/** A tenant's rule set stream. */
export const ruleSetStream = (tenantId: string): string => `classification-rules-${tenantId}`;
/** A tenant's confidence threshold stream. */
export const thresholdStream = (tenantId: string): string => `classification-threshold-${tenantId}`;
/** A tenant's automatic retraining policy stream. */
export const autoRetrainStream = (tenantId: string): string => `classification-autoretrain-${tenantId}`;
/** A tenant's text model stream: every training, activation and rejection. */
export const modelStream = (tenantId: string): string => `classification-model-${tenantId}`;

export const classificationSettingsEventTypes = [
  { type: 'TaxonomyChanged', schemaVersion: 1 },
  { type: 'RuleSetChanged', schemaVersion: 1 },
  { type: 'ConfidenceThresholdChanged', schemaVersion: 1 },
  { type: 'AutoRetrainChanged', schemaVersion: 1 },
  { type: 'ModelTrained', schemaVersion: 1 },
  { type: 'ModelActivated', schemaVersion: 1 },
  { type: 'ModelRejected', schemaVersion: 1 },
] as const;

// ---------------------------------------------------------------- deciders

/** The tenant's current taxonomy, rule set or model history: what the next change builds on. */
export interface SettingsState {
  readonly taxonomy?: Taxonomy;
  readonly ruleSet?: RuleSet;
  /** The tenant's confidence threshold; absent until it is first changed (the default applies). */
  readonly confidenceThreshold?: number;
  /** The tenant's automatic retraining policy; absent until it is first changed (the default applies). */
  readonly autoRetrainAfter?: number;
  /** Versions of the models trained so far, and the active one. */
  readonly modelsTrained: number;
  /** The version of the model that classifies now. */
  readonly activeModel?: number;
}

export const initialSettingsState = (): SettingsState => ({ modelsTrained: 0 });

export function evolveSettings(state: SettingsState, event: ClassificationSettingsEvent): SettingsState {
  switch (event.type) {
    case 'TaxonomyChanged':
      return { ...state, taxonomy: event.data.taxonomy };
    case 'RuleSetChanged':
      return { ...state, ruleSet: event.data.ruleSet };
    case 'ConfidenceThresholdChanged':
      return { ...state, confidenceThreshold: event.data.confidenceThreshold };
    case 'AutoRetrainChanged':
      return { ...state, autoRetrainAfter: event.data.autoRetrainAfter };
    case 'ModelTrained':
      return { ...state, modelsTrained: Math.max(state.modelsTrained, event.data.modelVersion) };
    case 'ModelActivated':
      return { ...state, activeModel: event.data.modelVersion };
    case 'ModelRejected':
      return state;
    default:
      return assertNever(event);
  }
}

/**
 * Replace the taxonomy (its version is the current one plus one), the rules, change the confidence
 * threshold or the automatic retraining policy, or record a training.
 */
export type SettingsCommand =
  | {
      readonly type: 'ChangeTaxonomy';
      readonly tenantId: string;
      readonly taxonomy: Omit<Taxonomy, 'version'>;
      readonly baseVersion: number;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly type: 'ChangeRuleSet';
      readonly tenantId: string;
      readonly rules: RuleSet['rules'];
      readonly baseVersion: number;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly type: 'ChangeConfidenceThreshold';
      readonly tenantId: string;
      /** 0–1 inclusive. */
      readonly confidenceThreshold: number;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly type: 'ChangeAutoRetrain';
      readonly tenantId: string;
      /** A whole number, 0 (off) to MAX_AUTO_RETRAIN_AFTER. */
      readonly autoRetrainAfter: number;
      readonly by: string;
      readonly at: string;
    }
  | {
      /** Makes a version trained and activated before the active one again (a rollback). */
      readonly type: 'ActivateModel';
      readonly tenantId: string;
      readonly modelVersion: number;
      readonly reason: string;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly type: 'RecordTraining';
      readonly trained: ModelTrainedData;
      /** Activate when it scored at least as well as the active model on the same held-out part. */
      readonly activate: boolean;
      readonly reason: string;
    };

export function decideSettings(
  command: SettingsCommand,
  state: SettingsState,
): ClassificationSettingsEvent[] {
  switch (command.type) {
    case 'ChangeTaxonomy': {
      const version = Math.max(state.taxonomy?.version ?? 0, command.baseVersion) + 1;
      const taxonomy: Taxonomy = { ...command.taxonomy, version };
      return [
        {
          type: 'TaxonomyChanged',
          data: { tenantId: command.tenantId, taxonomy, changedBy: command.by, changedAt: command.at },
        },
      ];
    }
    case 'ChangeRuleSet': {
      const version = Math.max(state.ruleSet?.version ?? 0, command.baseVersion) + 1;
      return [
        {
          type: 'RuleSetChanged',
          data: {
            tenantId: command.tenantId,
            ruleSet: { version, rules: command.rules },
            changedBy: command.by,
            changedAt: command.at,
          },
        },
      ];
    }
    case 'ChangeConfidenceThreshold': {
      const { tenantId, confidenceThreshold, by, at } = command;
      if (!Number.isFinite(confidenceThreshold) || confidenceThreshold < 0 || confidenceThreshold > 1) {
        throw new DomainRuleViolation(
          'classification.threshold_out_of_range',
          'confidenceThreshold must be between 0 and 1',
        );
      }
      const previousThreshold = state.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
      // The same threshold again changes nothing, and records nothing.
      if (confidenceThreshold === previousThreshold) return [];
      return [
        {
          type: 'ConfidenceThresholdChanged',
          data: { tenantId, confidenceThreshold, previousThreshold, changedBy: by, changedAt: at },
        },
      ];
    }
    case 'ChangeAutoRetrain': {
      const { tenantId, autoRetrainAfter, by, at } = command;
      if (
        !Number.isInteger(autoRetrainAfter) ||
        autoRetrainAfter < 0 ||
        autoRetrainAfter > MAX_AUTO_RETRAIN_AFTER
      ) {
        throw new DomainRuleViolation(
          'classification.auto_retrain_out_of_range',
          `autoRetrainAfter must be a whole number from 0 (off) to ${MAX_AUTO_RETRAIN_AFTER}`,
        );
      }
      const previousAutoRetrainAfter = state.autoRetrainAfter ?? DEFAULT_AUTO_RETRAIN_AFTER;
      if (autoRetrainAfter === previousAutoRetrainAfter) return [];
      return [
        {
          type: 'AutoRetrainChanged',
          data: { tenantId, autoRetrainAfter, previousAutoRetrainAfter, changedBy: by, changedAt: at },
        },
      ];
    }
    case 'ActivateModel': {
      const { tenantId, modelVersion, reason, by, at } = command;
      if (!Number.isInteger(modelVersion) || modelVersion < 1 || modelVersion > state.modelsTrained) {
        throw new DomainRuleViolation(
          'classification.model_unknown',
          `model version ${modelVersion} was never trained for this tenant`,
        );
      }
      // The active version again changes nothing, and records nothing.
      if (modelVersion === state.activeModel) return [];
      return [
        {
          type: 'ModelActivated',
          data: {
            tenantId,
            modelVersion,
            ...(state.activeModel !== undefined && { previousVersion: state.activeModel }),
            activatedAt: at,
            activatedBy: by,
            reason,
          },
        },
      ];
    }
    case 'RecordTraining': {
      const { trained, activate, reason } = command;
      const { tenantId, modelVersion, trainedAt: at } = trained;
      const outcome: ClassificationSettingsEvent = activate
        ? {
            type: 'ModelActivated',
            data: {
              tenantId,
              modelVersion,
              ...(state.activeModel !== undefined && { previousVersion: state.activeModel }),
              activatedAt: at,
            },
          }
        : { type: 'ModelRejected', data: { tenantId, modelVersion, reason, rejectedAt: at } };
      return [{ type: 'ModelTrained', data: trained }, outcome];
    }
    default:
      return assertNever(command);
  }
}

/** The decider of a tenant's settings streams (taxonomy, rules and model streams share it). */
export const settingsDecider: Decider<SettingsCommand, ClassificationSettingsEvent, SettingsState> = {
  decide: decideSettings,
  evolve: evolveSettings,
  initialState: initialSettingsState,
};
