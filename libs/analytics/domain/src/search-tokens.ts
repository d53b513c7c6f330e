// ---------------------------------------------------------------- full-text search tokens
//
// Chinese has no spaces between words, so Han text is indexed as overlapping character bigrams
// (the CJK bigram scheme of Lucene and Elasticsearch): `智能电表` → 智能, 能电, 电表. Other scripts
// are split into words of letters and digits. Text is normalised first by `@kesu/text` (NFKC folds
// full-width forms, `ＫＳ－２０２６` → `ks-2026`; then lower case; numbers stay as written, so a
// reference or phone number is found), and a query matches a document when every one of its tokens
// is among the document's tokens.
import { normalise, textRuns } from '@kesu/text';

/** The most tokens one document stores, so a 5,000-character description cannot bloat its view. */
export const MAX_DOCUMENT_TOKENS = 1000;
/** Longer words are cut to this many characters, in documents and queries alike. */
export const MAX_TOKEN_LENGTH = 32;

/** The form both documents and queries are tokenised in: NFKC, lower case, white space single. */
export function normaliseForSearch(text: string): string {
  return normalise(text);
}

/**
 * The tokens a document is found by: for Han text every character and every bigram (so one-character
 * queries find it too), for other scripts every word. Fields come in priority order; the result is
 * distinct, in order of first appearance, and cut at `limit`, so what is dropped is the tail of the
 * last (longest) field.
 */
export function documentSearchTokens(
  fields: ReadonlyArray<string | null | undefined>,
  limit = MAX_DOCUMENT_TOKENS,
): string[] {
  const tokens = new Set<string>();
  for (const field of fields) if (field) tokenise(field, true, tokens, limit);
  return [...tokens];
}

/**
 * The tokens a query needs: Han bigrams (a lone Han character stands for itself) and words, each
 * once. Empty when the query has no letter, digit or Han character.
 */
export function querySearchTokens(query: string): string[] {
  const tokens = new Set<string>();
  tokenise(query, false, tokens, Infinity);
  return [...tokens];
}

/** Adds the text's tokens to `into` until it holds `limit` (a plain loop: this runs per projected event). */
function tokenise(text: string, withUnigrams: boolean, into: Set<string>, limit: number): void {
  const add = (token: string) => into.size < limit && into.add(token);
  for (const run of textRuns(text)) {
    if (into.size >= limit) return;
    if (run.kind !== 'han') {
      add(cut(run.text));
      continue;
    }
    const characters = [...run.text];
    if (characters.length === 1) add(run.text);
    for (let i = 0; i + 1 < characters.length; i++) {
      if (withUnigrams) add(characters[i]!);
      add(characters[i]! + characters[i + 1]!);
    }
    if (withUnigrams && characters.length > 1) add(characters.at(-1)!);
  }
}

function cut(word: string): string {
  return word.length > MAX_TOKEN_LENGTH ? [...word].slice(0, MAX_TOKEN_LENGTH).join('') : word;
}
