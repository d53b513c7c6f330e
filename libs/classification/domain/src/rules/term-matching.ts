// Terms as rules and category keywords match them: Han terms as substrings, others as whole words.
import { normalise } from '@kesu/text';
import { isNegatedAt } from './negation';

/** Text as rules see it: NFKC (full-width → half-width), lower case, whitespace collapsed. */
export function normaliseForMatching(text: string): string {
  return normalise(text);
}

const HAN = /\p{Script=Han}/u;
const termPatterns = new Map<string, RegExp>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface ParsedTerm {
  /** The term normalised, as written (with its `*`). */
  readonly normalised: string;
  readonly body: string;
  readonly prefix: boolean;
}

/**
 * Terms as matched, by the term as written: every classification reads the same few hundred terms
 * of a tenant's rules and taxonomy, so each is normalised once (bounded: cleared when full).
 */
const parsedTerms = new Map<string, ParsedTerm | null>();
const MAX_PARSED_TERMS = 50_000;

/** The term as matched: normalised; `prefix` when it ends with `*`; undefined when it is empty. */
function parseTerm(term: string): ParsedTerm | undefined {
  let parsed = parsedTerms.get(term);
  if (parsed === undefined) {
    const t = normaliseForMatching(term);
    const prefix = t.endsWith('*');
    parsed = t === '' || t === '*' ? null : { normalised: t, body: prefix ? t.slice(0, -1) : t, prefix };
    if (parsedTerms.size >= MAX_PARSED_TERMS) parsedTerms.clear();
    parsedTerms.set(term, parsed);
  }
  return parsed ?? undefined;
}

function latinPattern(body: string, prefix: boolean): RegExp {
  const key = `${body}${prefix ? '*' : ''}`;
  let pattern = termPatterns.get(key);
  if (!pattern) {
    pattern = new RegExp(
      `(?<![\\p{Script=Latin}\\p{N}])${escapeRegExp(body).replace(/ /g, '\\s+')}${
        prefix ? '' : '(?![\\p{Script=Latin}\\p{N}])'
      }`,
      'gu',
    );
    termPatterns.set(key, pattern);
  }
  return pattern;
}

/** Where a term occurs in a normalised text (start offsets), by the rules of {@link containsTerm}. */
export function termOccurrences(normalisedText: string, term: string): number[] {
  const parsed = parseTerm(term);
  if (!parsed) return [];
  const { body, prefix } = parsed;
  const found: number[] = [];
  if (HAN.test(body)) {
    for (let i = normalisedText.indexOf(body); i >= 0; i = normalisedText.indexOf(body, i + 1)) found.push(i);
    return found;
  }
  const pattern = latinPattern(body, prefix);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(normalisedText); m; m = pattern.exec(normalisedText)) {
    found.push(m.index);
    if (m[0] === '') pattern.lastIndex++;
  }
  return found;
}

/**
 * Whether a (normalised) text contains a term. A term with Han characters matches as a substring
 * (Chinese has no spaces); any other term matches whole words only — not inside a longer Latin word or
 * number (`sue` does not match `issue`, `12345` not `123456`). A trailing `*` makes a Latin term a word
 * prefix (`lawyer*` matches `lawyers`). Negation is not considered here (see {@link containsAffirmedTerm}):
 * the taxonomy's keywords name what a complaint is about, even when it is something missing (没有发票).
 */
export function containsTerm(normalisedText: string, term: string): boolean {
  const parsed = parseTerm(term);
  if (!parsed) return false;
  if (HAN.test(parsed.body)) return normalisedText.includes(parsed.body);
  const pattern = latinPattern(parsed.body, parsed.prefix);
  pattern.lastIndex = 0;
  return pattern.test(normalisedText);
}

/** Whether a normalised text contains a term at least once without a negation cue before it. */
export function containsAffirmedTerm(normalisedText: string, term: string): boolean {
  const parsed = parseTerm(term);
  if (!parsed) return false;
  return termOccurrences(normalisedText, term).some(
    (at) => !isNegatedAt(normalisedText, parsed.normalised, at),
  );
}

/** The terms (as written in the list) found in a normalised text, in list order, without duplicates. */
export function findTerms(normalisedText: string, terms: readonly string[]): string[] {
  const found: string[] = [];
  for (const term of terms) if (!found.includes(term) && containsTerm(normalisedText, term)) found.push(term);
  return found;
}

/** Like {@link findTerms}, but only terms that occur at least once un-negated: what rules match. */
export function findAffirmedTerms(normalisedText: string, terms: readonly string[]): string[] {
  const found: string[] = [];
  for (const term of terms)
    if (!found.includes(term) && containsAffirmedTerm(normalisedText, term)) found.push(term);
  return found;
}
