// A normalised text cut into the runs every tokeniser starts from: Chinese has no spaces, so a run
// of Han characters is one run; letters, marks and digits of other scripts make words.
import { normalise, type NormaliseOptions } from './normalise';

/** One stretch of a text: Han characters, a word, a placeholder, or a sentence end. */
export interface TextRun {
  readonly kind: 'han' | 'word' | 'placeholder' | 'sentence-end';
  readonly text: string;
}

export interface TextRunOptions extends NormaliseOptions {
  /** A word goes on after an apostrophe (`don't`, `company's`); otherwise the apostrophe separates. */
  readonly apostrophes?: boolean;
  /** Sentence ends (`.` `!` `?` `;` `。` and their full-width forms) as runs; otherwise they separate. */
  readonly sentenceEnds?: boolean;
}

const HAN = /^\p{Script=Han}/u;
const SENTENCE_END = /^[.!?;。]$/u;
const patterns = new Map<string, RegExp>();

function runPattern(options: TextRunOptions): RegExp {
  const key = `${Boolean(options.maskNumbers)}${Boolean(options.apostrophes)}${Boolean(options.sentenceEnds)}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    const word = '(?:(?!\\p{Script=Han})[\\p{L}\\p{M}\\p{N}])+';
    pattern = new RegExp(
      [
        ...(options.maskNumbers ? ['<(?:mask|date|amount|number)>'] : []),
        '\\p{Script=Han}+',
        options.apostrophes ? `${word}(?:'(?:(?!\\p{Script=Han})\\p{L})+)?` : word,
        ...(options.sentenceEnds ? ['[.!?;。]'] : []),
      ].join('|'),
      'gu',
    );
    patterns.set(key, pattern);
  }
  return pattern;
}

/**
 * The runs of a text after `normalise` with the same options, in order: each run of Han characters,
 * each word of other scripts (letters, marks and digits; `4G飞享套餐` gives `4g` and `飞享套餐`), each
 * placeholder when numbers are masked, and sentence ends when asked for. Everything else separates.
 */
export function textRuns(text: string, options: TextRunOptions = {}): TextRun[] {
  const runs: TextRun[] = [];
  for (const [token] of normalise(text, options).matchAll(runPattern(options))) {
    const kind = HAN.test(token)
      ? 'han'
      : token.startsWith('<') && options.maskNumbers
        ? 'placeholder'
        : SENTENCE_END.test(token)
          ? 'sentence-end'
          : 'word';
    runs.push({ kind, text: token });
  }
  return runs;
}
