// Whether a text says anything a reader can see: the one rule of every free text Kesu takes in.

/**
 * White space, control characters (C0, C1), invisible format characters (zero-width, bidi marks) and
 * lone surrogates (halves of a character, not a character).
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Cs}]/gu;

/** Whether a text has at least one character a reader can see (`"\u0000"`, `"\u200b "`, `"\uD800"` have none). */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}
