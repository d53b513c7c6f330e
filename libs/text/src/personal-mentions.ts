// Personal data written into free text: a complainant who types their phone number, e-mail address or
// ID-card number into the description. A tenant marks which kinds count as personal (intake's policy);
// roles that may not see personal data get the text with each such mention masked, and cannot find a
// complaint by one.

/** The kinds of mentions a tenant can mark as personal data. */
export const PERSONAL_MENTION_KINDS = ['phone', 'email', 'id_card', 'bank_card'] as const;
export type PersonalMentionKind = (typeof PERSONAL_MENTION_KINDS)[number];

/** What counts as personal in free text unless the tenant says otherwise: phones, e-mails, mainland ID numbers. */
export const DEFAULT_PERSONAL_MENTIONS: readonly PersonalMentionKind[] = ['phone', 'email', 'id_card'];

/** What a masked mention reads as: its kind, never any of its characters. */
export const MENTION_PLACEHOLDERS: Readonly<Record<PersonalMentionKind, string>> = {
  phone: '[phone]',
  email: '[e-mail]',
  id_card: '[ID number]',
  bank_card: '[bank card]',
};

/** One mention found in a text: its kind and where it stands (UTF-16 offsets, end exclusive). */
export interface PersonalMention {
  readonly kind: PersonalMentionKind;
  readonly start: number;
  readonly end: number;
}

// Half- and full-width digits alike: `１３８…` is folded to `138…` before it is indexed.
const D = '[0-9０-９]';
const NOT_AFTER_DIGIT = `(?<!${D})`;
const NOT_BEFORE_DIGIT = `(?!${D})`;
const SEP = '[\\s\\-－]?';

const PATTERNS: Readonly<Record<PersonalMentionKind, RegExp>> = {
  /** Mainland mobiles (+86 optional, spaced or not), landlines with their area code, E.164 numbers. */
  phone: new RegExp(
    `${NOT_AFTER_DIGIT}(?:(?:[+＋]?[8８][6６]${SEP})?[1１][3-9３-９]${D}(?:${SEP}${D}{4}){2}` +
      `|[0０]${D}{2,3}${SEP}${D}{7,8}|[+＋]${D}{8,15})${NOT_BEFORE_DIGIT}`,
    'gu',
  ),
  email: /[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu,
  /** 18-character resident identity numbers (17 digits and a digit or X). */
  id_card: new RegExp(`${NOT_AFTER_DIGIT}${D}{17}[0-9０-９XxＸｘ]${NOT_BEFORE_DIGIT}`, 'gu'),
  /** 16 to 19 digits, in groups of four or not. */
  bank_card: new RegExp(
    `${NOT_AFTER_DIGIT}${D}{4}(?:${SEP}${D}{4}){3}(?:${SEP}${D}{1,3})?${NOT_BEFORE_DIGIT}`,
    'gu',
  ),
};

/**
 * The mentions of the given kinds in a text, in order and without overlaps (of two overlapping
 * matches the longer one stands: `13800000000@qq.com` is one e-mail address, not a phone).
 */
export function findPersonalMentions(text: string, kinds: readonly PersonalMentionKind[]): PersonalMention[] {
  const found: PersonalMention[] = [];
  for (const kind of new Set(kinds)) {
    const pattern = PATTERNS[kind];
    if (!pattern) continue;
    for (const match of text.matchAll(pattern)) {
      found.push({ kind, start: match.index, end: match.index + match[0].length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PersonalMention[] = [];
  for (const mention of found) {
    const last = kept.at(-1);
    if (!last || mention.start >= last.end) kept.push(mention);
    else if (mention.end - mention.start > last.end - last.start) kept[kept.length - 1] = mention;
  }
  return kept;
}

/**
 * The text with every mention of the given kinds replaced: by its kind's placeholder (what a reader
 * sees), or by `replacement` (a space, for a text that is only tokenised). The same text when it
 * has none.
 */
export function maskPersonalMentions(
  text: string,
  kinds: readonly PersonalMentionKind[],
  replacement?: string,
): string {
  const mentions = findPersonalMentions(text, kinds);
  if (mentions.length === 0) return text;
  let masked = '';
  let at = 0;
  for (const { kind, start, end } of mentions) {
    masked += text.slice(at, start) + (replacement ?? MENTION_PLACEHOLDERS[kind]);
    at = end;
  }
  return masked + text.slice(at);
}

/** The mentioned values themselves (to index them apart from the rest of the text). */
export function personalMentionTexts(text: string, kinds: readonly PersonalMentionKind[]): string[] {
  return findPersonalMentions(text, kinds).map(({ start, end }) => text.slice(start, end));
}
