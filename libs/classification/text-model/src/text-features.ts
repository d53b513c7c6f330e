// Text → features for the classifier: Chinese has no spaces, so Han runs give character n-grams
// and jieba's words; Latin text gives (lightly stemmed) word n-grams; masked numbers one token each.
import { normalise, stem, type TextRunOptions, textRuns } from '@kesu/text';
import { cut } from 'jieba-wasm';

/** Masked numbers, masked dates, amounts and long digit runs each one placeholder; sentence ends kept. */
const CLASSIFICATION: TextRunOptions = {
  maskNumbers: { dates: true, amounts: true, longNumbers: true },
  apostrophes: true,
  sentenceEnds: true,
};

/**
 * Text reduced to what matters for classification: NFKC (full-width letters and digits become
 * ASCII), lower case, masked numbers, dates and amounts and long digit runs replaced by one
 * placeholder each (`<mask>`, `<date>`, `<amount>`, `<number>`), white space single.
 */
export function normaliseText(text: string): string {
  return normalise(text, CLASSIFICATION);
}

/** What features a text gives; every option is part of a stored model. */
export interface FeatureOptions {
  /** Han character n-gram lengths, inclusive: [1, 3] gives unigrams, bigrams and trigrams. */
  hanNgrams: readonly [number, number];
  /** Latin (and other spaced-script) word n-gram lengths, inclusive: [1, 2] gives words and bigrams. */
  wordNgrams: readonly [number, number];
  /** Leave common English function words out of word unigrams (they still join bigrams). */
  stopWords: boolean;
  /** Strip plural and -ed/-ing endings from Latin words. */
  stem: boolean;
  /** Also the words of each Han run as segmented by jieba (prefixed `w:`). */
  hanWords: boolean;
  /**
   * Also the character bigrams of a text's first N Han characters again (prefixed `^`): a work
   * order's opening names its kind (主活动名称…, 客户反映不知情订购…). 0: none.
   */
  openingChars: number;
  /**
   * Also each Han character alone (prefixed `u:`), as a block of its own that the vectoriser
   * normalises separately and scales by this weight (0: none). Absent in models trained before.
   */
  hanUnigramWeight?: number;
}

/** Chosen by 5-fold cross-validation on the COCC work orders and the CFPB narratives (docs/classifier.md). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hanNgrams: [2, 2],
  wordNgrams: [1, 1],
  stopWords: true,
  stem: true,
  hanWords: true,
  openingChars: 40,
  hanUnigramWeight: 0.5,
};

/** Prefix of the Han-unigram block's features (see `hanUnigramWeight`). */
export const HAN_UNIGRAM_PREFIX = 'u:';

const STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by did do does for from had has have he her him his i if in into is ' +
    'it its me my of on or our ours she so than that the their them they this those these to was we were what ' +
    'which who will with would you your'
  ).split(' '),
);

/**
 * The features of a text, with repeats (counts matter): Han character n-grams within each run of
 * Han characters, its single characters (if `hanUnigramWeight`) and its jieba words, word n-grams within each stretch of words between
 * sentence ends or Han runs (each placeholder a word), and the opening's character bigrams.
 * Mixed text (`4G飞享套餐`) gives both kinds.
 */
export function textFeatures(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): string[] {
  const features: string[] = [];
  const opening: string[] = [];
  let words: string[] = [];
  const flushWords = (): void => {
    wordNgrams(words, options, features);
    words = [];
  };
  for (const run of textRuns(text, CLASSIFICATION)) {
    if (run.kind === 'sentence-end') {
      flushWords();
    } else if (run.kind === 'han') {
      flushWords();
      const chars = [...run.text];
      hanNgrams(chars, options.hanNgrams, features);
      if (options.hanUnigramWeight) for (const char of chars) features.push(`${HAN_UNIGRAM_PREFIX}${char}`);
      if (options.hanWords) for (const word of cut(run.text, true)) features.push(`w:${word}`);
      if (opening.length < options.openingChars)
        opening.push(...chars.slice(0, options.openingChars - opening.length));
    } else {
      words.push(run.text);
    }
  }
  flushWords();
  for (let i = 0; i + 1 < opening.length; i++) features.push(`^${opening[i]}${opening[i + 1]}`);
  return features;
}

function hanNgrams(chars: string[], [min, max]: readonly [number, number], out: string[]): void {
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  }
}

function wordNgrams(words: string[], options: FeatureOptions, out: string[]): void {
  const [min, max] = options.wordNgrams;
  const stems = options.stem ? words.map(stem) : words;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      if (n === 1) {
        if (!(options.stopWords && STOP_WORDS.has(words[i]!))) out.push(stems[i]!);
      } else {
        out.push(stems.slice(i, i + n).join(' '));
      }
    }
  }
}
