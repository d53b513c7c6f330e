import type { Category, Taxonomy } from '@kesu/classification-contracts';
import { containsTerm, normaliseForMatching } from './rules/term-matching';
import { FALLBACK_CATEGORY } from './taxonomy/taxonomy-validation';

/** A category proposal: ranked candidates (as DecisionRecord.ranking) and, here, the keywords that matched. */
export interface CategoryProposal {
  readonly ranking: readonly { readonly category: string; readonly confidence: number }[];
  /** Keywords matched per ranked category (its own keywords, not the parent's). */
  readonly matched?: readonly { readonly category: string; readonly terms: readonly string[] }[];
}

export interface KeywordClassifierOptions {
  /** How many candidates the ranking keeps (default 5). */
  readonly topK?: number;
}

/**
 * The weight of one matched keyword: longer keywords are more specific. A Han keyword weighs half its
 * length (2 characters → 1, 4 or more → 2); a Latin keyword weighs its word count, at most 2.
 */
export function keywordWeight(keyword: string): number {
  const k = normaliseForMatching(keyword).replace(/\*$/, '');
  const han = k.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han > 0) return Math.min(2, Math.max(0.5, han / 2));
  return Math.min(2, k.split(' ').filter(Boolean).length);
}

interface Scored {
  readonly category: Category;
  readonly score: number;
  readonly terms: string[];
}

/**
 * A cold-start classifier built from a taxonomy's keywords (before a tenant has a trained model).
 *
 * Scoring: a category's own score is the sum of the weights of its matched keywords. A subcategory is a
 * candidate only when one of its own keywords matched; its score adds its parent's own score, so a
 * matching subcategory always ranks above its parent. Candidates are ranked by score, then
 * subcategories before top-level ones, then taxonomy order.
 *
 * Confidence of a candidate with score s against its best competitor c (the best other candidate that is
 * not its parent or child): `s/(s+c) · s/(s+1)` — the margin times the amount of evidence, so one weak
 * keyword gives 0.5 and a contested match less. The ranking is by confidence (then score): a
 * subcategory that matched alone beats its parent, while siblings that tie leave their parent on top.
 * Nothing matched → `other` with confidence 0 (a person
 * classifies it).
 */
export function keywordClassifier(
  taxonomy: Taxonomy,
  options: KeywordClassifierOptions = {},
): (text: string) => CategoryProposal {
  const topK = options.topK ?? 5;
  const categories = taxonomy.categories;
  const order = new Map(categories.map((c, i) => [c.code, i]));

  return (text: string): CategoryProposal => {
    const normalised = normaliseForMatching(text);
    const own = new Map<string, { score: number; terms: string[] }>();
    for (const c of categories) {
      const terms: string[] = [];
      let score = 0;
      for (const k of c.keywords)
        if (!terms.includes(k) && containsTerm(normalised, k)) {
          terms.push(k);
          score += keywordWeight(k);
        }
      if (score > 0) own.set(c.code, { score, terms });
    }

    const candidates: Scored[] = [];
    for (const c of categories) {
      const mine = own.get(c.code);
      if (!mine) continue;
      const parentScore = c.parent ? (own.get(c.parent)?.score ?? 0) : 0;
      candidates.push({ category: c, score: mine.score + parentScore, terms: mine.terms });
    }
    if (candidates.length === 0)
      return { ranking: [{ category: FALLBACK_CATEGORY, confidence: 0 }], matched: [] };

    candidates.sort(
      (a, b) =>
        b.score - a.score ||
        Number(Boolean(b.category.parent)) - Number(Boolean(a.category.parent)) ||
        (order.get(a.category.code) ?? 0) - (order.get(b.category.code) ?? 0),
    );

    const related = (a: Category, b: Category): boolean => a.parent === b.code || b.parent === a.code;
    const confidenceOf = (x: Scored): number => {
      let competitor = 0;
      for (const y of candidates)
        if (y !== x && !related(x.category, y.category)) competitor = Math.max(competitor, y.score);
      return round((x.score / (x.score + competitor)) * (x.score / (x.score + 1)));
    };

    // stable: equal confidence keeps the score order
    const top = candidates
      .map((x) => ({ x, confidence: confidenceOf(x) }))
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, topK);
    return {
      ranking: top.map(({ x, confidence }) => ({ category: x.category.code, confidence })),
      matched: top.map(({ x }) => ({ category: x.category.code, terms: x.terms })),
    };
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
