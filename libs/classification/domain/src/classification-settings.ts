import type {
  ClassificationSettingsEvent,
  ModelTrainedData,
  RuleSet,
  Taxonomy,
} from '@kesu/classification-contracts';
import { assertNever, type Decider, DomainRuleViolation } from '@kesu/kernel';
import { DEFAULT_COLLECTIVE_THRESHOLD } from './classification';
import { DEFAULT_CONFIDENCE_THRESHOLD } from './classify';

/** Retrain a tenant's model after this many new labeled examples unless the tenant chose otherwise. */
export const DEFAULT_AUTO_RETRAIN_AFTER = 50;
/** The most `autoRetrainAfter` takes. */
export const MAX_AUTO_RETRAIN_AFTER = 1_000_000;
/** The range `collectiveThreshold` takes: a whole number, at least two people. */
export const MIN_COLLECTIVE_THRESHOLD = 2;
export const MAX_COLLECTIVE_THRESHOLD = 1000;

// ---------------------------------------------------------------- deciders

/** The tenant's current taxonomy, rule set or model history: what the next change builds on. */
export interface SettingsState {
  readonly taxonomy?: Taxonomy;
  readonly ruleSet?: RuleSet;
  /** The tenant's confidence threshold; absent until it is first changed (the default applies). */
  readonly confidenceThreshold?: number;
  /** The tenant's automatic retraining policy; absent until it is first changed (the default applies). */
  readonly autoRetrainAfter?: number;
  /** The tenant's collective threshold; absent until it is first changed (the default applies). */
  readonly collectiveThreshold?: number;
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
    case 'CollectiveThresholdChanged':
      return { ...state, collectiveThreshold: event.data.collectiveThreshold };
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
 * threshold, the automatic retraining policy or the collective threshold — each by a person, who
 * says why (`reason`, kept in the event) —, or record a training.
 */
export type SettingsCommand =
  | {
      readonly type: 'ChangeTaxonomy';
      readonly tenantId: string;
      readonly taxonomy: Omit<Taxonomy, 'version'>;
      readonly baseVersion: number;
      readonly reason: string;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly type: 'ChangeRuleSet';
      readonly tenantId: string;
      readonly rules: RuleSet['rules'];
      readonly baseVersion: number;
      readonly reason: string;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly type: 'ChangeConfidenceThreshold';
      readonly tenantId: string;
      /** 0–1 inclusive. */
      readonly confidenceThreshold: number;
      readonly reason: string;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly type: 'ChangeAutoRetrain';
      readonly tenantId: string;
      /** A whole number, 0 (off) to MAX_AUTO_RETRAIN_AFTER. */
      readonly autoRetrainAfter: number;
      readonly reason: string;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly type: 'ChangeCollectiveThreshold';
      readonly tenantId: string;
      /** A whole number, MIN_COLLECTIVE_THRESHOLD to MAX_COLLECTIVE_THRESHOLD. */
      readonly collectiveThreshold: number;
      readonly reason: string;
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
          data: {
            tenantId: command.tenantId,
            taxonomy,
            changedBy: command.by,
            changedAt: command.at,
            reason: command.reason,
          },
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
            reason: command.reason,
          },
        },
      ];
    }
    case 'ChangeConfidenceThreshold': {
      const { tenantId, confidenceThreshold, reason, by, at } = command;
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
          data: { tenantId, confidenceThreshold, previousThreshold, changedBy: by, changedAt: at, reason },
        },
      ];
    }
    case 'ChangeAutoRetrain': {
      const { tenantId, autoRetrainAfter, reason, by, at } = command;
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
          data: {
            tenantId,
            autoRetrainAfter,
            previousAutoRetrainAfter,
            changedBy: by,
            changedAt: at,
            reason,
          },
        },
      ];
    }
    case 'ChangeCollectiveThreshold': {
      const { tenantId, collectiveThreshold, reason, by, at } = command;
      if (
        !Number.isInteger(collectiveThreshold) ||
        collectiveThreshold < MIN_COLLECTIVE_THRESHOLD ||
        collectiveThreshold > MAX_COLLECTIVE_THRESHOLD
      ) {
        throw new DomainRuleViolation(
          'classification.collective_threshold_out_of_range',
          `collectiveThreshold must be a whole number from ${MIN_COLLECTIVE_THRESHOLD} to ${MAX_COLLECTIVE_THRESHOLD}`,
        );
      }
      const previousCollectiveThreshold = state.collectiveThreshold ?? DEFAULT_COLLECTIVE_THRESHOLD;
      if (collectiveThreshold === previousCollectiveThreshold) return [];
      return [
        {
          type: 'CollectiveThresholdChanged',
          data: {
            tenantId,
            collectiveThreshold,
            previousCollectiveThreshold,
            changedBy: by,
            changedAt: at,
            reason,
          },
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

/** The decider of a tenant's settings streams (taxonomy, rules, thresholds, retraining and model streams share it). */
export const settingsDecider: Decider<SettingsCommand, ClassificationSettingsEvent, SettingsState> = {
  decide: decideSettings,
  evolve: evolveSettings,
  initialState: initialSettingsState,
};
