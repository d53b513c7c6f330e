// The one normaliser of the texts Kesu compares, searches and classifies: Unicode forms and case
// folded, white space single, and — when asked — masked numbers, dates and amounts as placeholders.

/** Placeholders that stand for masked or variable numbers, one token each. */
export const PLACEHOLDERS = {
  /** A masked number or name: `******`, `XXXX`, `138****1234`, `**县`. */
  mask: '<mask>',
  /** A masked date: `XX/XX/XXXX`, `xx/xx/2019` (when dates are told apart). */
  date: '<date>',
  /** An amount of money in braces, as the CFPB masks them: `{$123.00}`. */
  amount: '<amount>',
  /** A long digit run (order, account or work-order number): what it is matters, not its digits. */
  number: '<number>',
} as const;

/** Which numbers become placeholders, beyond masked ones (always `<mask>`). */
export interface NumberMasking {
  /** Masked dates as `<date>`; otherwise they are masked numbers like any other (`<mask>`). */
  readonly dates?: boolean;
  /** Amounts in braces as `<amount>`; otherwise they stay as written. */
  readonly amounts?: boolean;
  /** Runs of seven or more digits as `<number>`; otherwise they stay as written. */
  readonly longNumbers?: boolean;
}

export interface NormaliseOptions {
  /** Replace masked numbers with placeholders (and dates, amounts, long numbers as chosen); absent: keep them. */
  readonly maskNumbers?: NumberMasking;
  /** Punctuation and symbols become spaces (placeholders stay). */
  readonly dropPunctuation?: boolean;
}

const AMOUNT = /\{\s*\$?\s*[\d,.]*\s*\}/g;
/** `xx/xx/xxxx`, `12/xx/2019`: digits or `x` in two or three slash-separated parts, not inside a Latin word. */
const MASKED_DATE =
  /(?<![\p{Script=Latin}\p{N}])(?:[x\d]{1,4}\/){1,2}[x\d]{2,4}(?![\p{Script=Latin}\p{N}])/gu;
/**
 * Two or more of `*`, `×`, `#` among digits and `x` (`138****1234`, `**`), or a run of digits and
 * `x` with two `x` together that is not part of a Latin word (`XXXX`, `138xxxx1234`, not `taxi`, `xxl`).
 */
const MASKED_RUN =
  /[\p{Nd}x*×#]*[*×#]{2,}[\p{Nd}x*×#]*|(?<![\p{Script=Latin}\p{Nd}])[\p{Nd}x]*xx[\p{Nd}x]*(?![\p{Script=Latin}\p{Nd}])/gu;
const LONG_NUMBER = /(?<!\p{Nd})\p{Nd}{7,}(?!\p{Nd})/gu;
const PUNCTUATION_OR_PLACEHOLDER =
  /<(?:mask|date|amount|number)>|(?:(?!<(?:mask|date|amount|number)>)[\p{P}\p{S}\p{Z}\s])+/gu;
const PLACEHOLDER = /^<(?:mask|date|amount|number)>$/;

/**
 * Text as Kesu compares it: NFKC (full-width letters and digits become ASCII), lower case, then
 * the masking and punctuation options, runs of white space single and none at the ends.
 */
export function normalise(text: string, options: NormaliseOptions = {}): string {
  let normalised = text.normalize('NFKC').toLowerCase();
  if (options.maskNumbers) normalised = maskNumbers(normalised, options.maskNumbers);
  if (options.dropPunctuation)
    normalised = normalised.replace(PUNCTUATION_OR_PLACEHOLDER, (m) => (isPlaceholder(m) ? ` ${m} ` : ' '));
  return normalised.replace(/\s+/g, ' ').trim();
}

/** Whether a token is a placeholder (`<mask>` …) rather than text. */
export function isPlaceholder(token: string): boolean {
  return PLACEHOLDER.test(token);
}

function maskNumbers(text: string, masking: NumberMasking): string {
  const placeholder = (name: keyof typeof PLACEHOLDERS) => ` ${PLACEHOLDERS[name]} `;
  let masked = masking.amounts ? text.replace(AMOUNT, placeholder('amount')) : text;
  masked = masked
    .replace(MASKED_DATE, (match) =>
      match.includes('x') ? placeholder(masking.dates ? 'date' : 'mask') : match,
    )
    .replace(MASKED_RUN, placeholder('mask'));
  return masking.longNumbers ? masked.replace(LONG_NUMBER, placeholder('number')) : masked;
}
