// ---------------------------------------------------------------- vocabulary

export const SEVERITIES = ['minor', 'general', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SCOPES = ['individual', 'collective'] as const;
export type Scope = (typeof SCOPES)[number];

/** Effective complaint vs. the communication types (沟通性投诉) that become effective if mishandled. */
export const NATURES = ['effective', 'help_seeking', 'inquiry', 'venting'] as const;
export type Nature = (typeof NATURES)[number];

/** Escalation signals found in the text and the intake fields (domain.md stage 3). */
export const ESCALATION_SIGNALS = [
  'media_exposure',
  'government_petition',
  'legal_action',
  'injury_or_safety',
  'vulnerable_person',
  'repeat_complaint',
  'vip_or_authority',
] as const;
export type EscalationSignal = (typeof ESCALATION_SIGNALS)[number];

/** The industry packs a tenant's taxonomy can start from; `general` is the seeds' own categories. */
export const TAXONOMY_PACKS = [
  'general',
  'telecom',
  'banking',
  'utilities',
  'healthcare',
  'hospitality',
  'property',
  'retail',
] as const;
export type TaxonomyPack = (typeof TAXONOMY_PACKS)[number];

// ---------------------------------------------------------------- taxonomy

/** One category of a tenant's two-level tree: a top-level category has no parent. */
export interface Category {
  /** Stable code, e.g. `service_attitude` or `billing.overcharge`. */
  readonly code: string;
  readonly parent?: string;
  readonly name: { readonly zh: string; readonly en: string };
  /** Terms in zh and en that point to the category (rules and the cold-start classifier use them). */
  readonly keywords: readonly string[];
  /** The department that usually owns complaints of this category. */
  readonly departmentId?: string;
}

export interface Taxonomy {
  readonly version: number;
  readonly pack: TaxonomyPack;
  readonly categories: readonly Category[];
}

// ---------------------------------------------------------------- rules and decisions

/**
 * A rule is data: when its condition holds it raises the severity to at least `severity`, sets
 * the scope or nature, or adds signals. Rules are versioned as a set (RuleSet.version).
 */
export interface Rule {
  readonly id: string;
  readonly description: { readonly zh: string; readonly en: string };
  readonly when: RuleCondition;
  readonly then: {
    readonly minSeverity?: Severity;
    readonly scope?: Scope;
    readonly nature?: Nature;
    readonly signals?: readonly EscalationSignal[];
  };
}

/** Conditions over the input: any of the terms in the text, a channel, a count, an intake flag. */
export type RuleCondition =
  | { readonly anyTerm: readonly string[] }
  | { readonly channelIn: readonly string[] }
  | { readonly complainantCountAtLeast: number }
  /** At least the tenant's collective threshold of complainants (its `collectiveThreshold` setting). */
  | { readonly collectiveComplainants: true }
  | { readonly emotionIn: readonly string[] }
  | { readonly isRepeat: true }
  | { readonly all: readonly RuleCondition[] }
  | { readonly any: readonly RuleCondition[] };

export interface RuleSet {
  readonly version: number;
  readonly rules: readonly Rule[];
}

// ---------------------------------------------------------------- decisions

/** Why the complaint was classified as it was, so that a regulator can follow it. */
export interface DecisionRecord {
  /** The text model that proposed the category, or `keywords` before a model is trained. */
  readonly model: { readonly id: string; readonly version: number };
  readonly taxonomyVersion: number;
  readonly ruleSetVersion: number;
  /** The rules that fired, with the terms that matched. */
  readonly rules: readonly { readonly id: string; readonly matched: readonly string[] }[];
  /** The model's top candidates with their confidence. */
  readonly ranking: readonly { readonly category: string; readonly confidence: number }[];
}

export interface ClassificationOutcome {
  readonly category: string;
  readonly severity: Severity;
  readonly scope: Scope;
  readonly nature: Nature;
  readonly signals: readonly EscalationSignal[];
  /** The model's confidence in the category, 0–1. */
  readonly confidence: number;
  /** Below the tenant's threshold: a person classifies it instead of trusting a guess. */
  readonly needsHumanReview: boolean;
  /** The department that usually owns the category, for dispatch. */
  readonly departmentId?: string;
}
