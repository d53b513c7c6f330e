import {
  type ClassificationOutcome,
  type DecisionRecord,
  type RuleSet,
  type Taxonomy,
} from '@kesu/classification-contracts';
import type { ClassificationInput } from './classification';
import { keywordClassifier, type CategoryProposal } from './keyword-classifier';
import { applyRules } from './rules/evaluation';
import { FALLBACK_CATEGORY } from './taxonomy/taxonomy-validation';

export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;

/** The model id recorded when the category came from the taxonomy's keywords. */
export const KEYWORD_MODEL_ID = 'keywords';

export interface ClassifyOptions {
  readonly taxonomy: Taxonomy;
  readonly rules: RuleSet;
  /**
   * The tenant's trained model; without it the taxonomy's keywords propose the category
   * (model `{ id: 'keywords', version: taxonomy.version }`).
   */
  readonly proposeCategory?: (text: string) => CategoryProposal;
  /** Below it the complaint needs human classification (default 0.5). */
  readonly confidenceThreshold?: number;
  /** Complainants from which a complaint is collective, for the rules (default 5). */
  readonly collectiveThreshold?: number;
  /** The model that proposeCategory stands for; required in spirit when proposeCategory is given. */
  readonly model?: { readonly id: string; readonly version: number };
  /** How many candidates the decision record keeps (default 5). */
  readonly rankingSize?: number;
}

export interface Classification {
  readonly outcome: ClassificationOutcome;
  readonly decision: DecisionRecord;
}

/** The text a category is proposed from: the subject's name and the description (the model trains on the same). */
export function classificationText(input: Pick<ClassificationInput, 'subject' | 'description'>): string {
  return [input.subject?.name, input.description].filter((s) => s && s.trim()).join('\n');
}

/**
 * Classifies one complaint: the category from the model (or the keywords), its department from the
 * taxonomy (the subcategory's, else its parent's), severity/scope/nature/signals from the rules.
 * needsHumanReview when the confidence is below the threshold or the model proposed a category the
 * taxonomy does not have. The decision record keeps model, versions, fired rules with matched terms
 * and the ranking; with the keyword model it also lists the matched category keywords as a pseudo-rule
 * `category.keywords`.
 */
export function classifyComplaint(input: ClassificationInput, options: ClassifyOptions): Classification {
  const { taxonomy, rules } = options;
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const usingKeywords = !options.proposeCategory;
  const propose = options.proposeCategory ?? keywordClassifier(taxonomy);
  const model = options.model ?? { id: KEYWORD_MODEL_ID, version: taxonomy.version };

  const proposal = propose(classificationText(input));
  const ranking = [...proposal.ranking]
    .filter((r) => Number.isFinite(r.confidence))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, options.rankingSize ?? 5)
    .map((r) => ({ category: r.category, confidence: clamp01(r.confidence) }));
  const best = ranking[0] ?? { category: FALLBACK_CATEGORY, confidence: 0 };

  const byCode = new Map(taxonomy.categories.map((c) => [c.code, c]));
  const category = byCode.get(best.category);
  const departmentId =
    category?.departmentId ?? (category?.parent ? byCode.get(category.parent)?.departmentId : undefined);

  const applied = applyRules(input, rules, { collectiveThreshold: options.collectiveThreshold });
  const keywordEvidence =
    usingKeywords && proposal.matched
      ? proposal.matched
          .filter((m) => m.category === best.category && m.terms.length > 0)
          .map((m) => ({ id: 'category.keywords', matched: [...m.terms] }))
      : [];

  const outcome: ClassificationOutcome = {
    category: best.category,
    severity: applied.severity,
    scope: applied.scope,
    nature: applied.nature,
    signals: applied.signals,
    confidence: best.confidence,
    needsHumanReview: best.confidence < threshold || category === undefined,
    ...(departmentId !== undefined ? { departmentId } : {}),
  };
  const decision: DecisionRecord = {
    model: { id: model.id, version: model.version },
    taxonomyVersion: taxonomy.version,
    ruleSetVersion: rules.version,
    rules: [...applied.fired, ...keywordEvidence],
    ranking,
  };
  return { outcome, decision };
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
