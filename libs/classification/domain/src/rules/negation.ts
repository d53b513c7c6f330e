const HAN = /\p{Script=Han}/u;

/**
 * Negation, as rules see it: a term occurrence is negated when a negation cue stands shortly before
 * it in the same clause (clauses end at punctuation and line breaks), so that 没有受伤, 未受伤,
 * 没人受伤, 不是要起诉, "not injured", "no one was hurt" or "I am not going to sue" fire no rule,
 * while 受伤了, 孩子被烫伤, "I was injured" and "we will sue" do.
 *
 * - A term with Han characters is negated by a Han cue ({@link HAN_NEGATION_CUES}) ending at most
 *   {@link HAN_NEGATION_WINDOW} characters before it (没人受伤: one character between).
 * - Any other term is negated by an English cue ({@link ENGLISH_NEGATION_CUES}, or a word ending in
 *   `n't`) with at most {@link ENGLISH_NEGATION_WINDOW} words between it and the term ("not going to sue").
 * - Pseudo-negations do not negate: a Han cue that begins one of {@link HAN_PSEUDO_NEGATIONS}
 *   (别逼我…, 协商未果…, 不会放过…), or an English cue followed by one of
 *   {@link ENGLISH_PSEUDO_NEGATION_WORDS} before the term ("won't hesitate to sue", "not only…").
 *
 * A rule's term matches when at least one of its occurrences is not negated ("没有受伤, 但孩子烫伤了"
 * fires on 烫伤). Only rule conditions (`anyTerm`) read negation; category keywords do not.
 */
export const HAN_NEGATION_CUES: readonly string[] = ['没有', '没', '未', '无', '不是', '不会', '并非', '别'];
export const HAN_NEGATION_WINDOW = 3;
export const HAN_PSEUDO_NEGATIONS: readonly string[] = [
  '别逼',
  '别怪',
  '别说',
  '没想到',
  '没办法',
  '没有办法',
  '没完没了',
  '没收',
  '未果',
  '无论',
  '无奈',
  '无法忍受',
  '不会放过',
  '不会善罢甘休',
  '不是不',
];
export const ENGLISH_NEGATION_CUES: readonly string[] = ['not', 'no', 'never', 'without', 'nobody', 'cannot'];
export const ENGLISH_NEGATION_WINDOW = 2;
export const ENGLISH_PSEUDO_NEGATION_WORDS: readonly string[] = [
  'hesitate',
  'only',
  'doubt',
  'afraid',
  'matter',
  'but',
];

/** Characters that end a clause: negation never reaches across them. */
const CLAUSE_END = /[,.;:!?，。；：！？、\n()（）"“”]/u;
const WORD = /[\p{L}\p{N}'’]+/gu;

/** The clause before an offset: the text from the last clause end up to it. */
function clauseBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
  return text.slice(start, at);
}

function isEnglishCue(word: string): boolean {
  return ENGLISH_NEGATION_CUES.includes(word) || /n['’]t$/.test(word);
}

/** Whether the occurrence of `term` at offset `at` of a normalised text is negated (see above). */
export function isNegatedAt(normalisedText: string, term: string, at: number): boolean {
  const before = clauseBefore(normalisedText, at);
  if (HAN.test(term)) {
    const tail = before.slice(-(HAN_NEGATION_WINDOW + 4));
    const offset = before.length - tail.length;
    for (const cue of HAN_NEGATION_CUES) {
      for (let i = tail.indexOf(cue); i >= 0; i = tail.indexOf(cue, i + 1)) {
        const between = tail.length - (i + cue.length);
        if (between > HAN_NEGATION_WINDOW) continue;
        const from = before.slice(offset + i);
        if (HAN_PSEUDO_NEGATIONS.some((p) => from.startsWith(p))) continue;
        return true;
      }
    }
    return false;
  }
  const words = before.match(WORD) ?? [];
  const last = words.length - 1;
  for (let i = last; i >= 0 && last - i <= ENGLISH_NEGATION_WINDOW; i--) {
    if (!isEnglishCue(words[i]!)) continue;
    if (words.slice(i + 1).some((w) => ENGLISH_PSEUDO_NEGATION_WORDS.includes(w))) continue;
    return true;
  }
  return false;
}
