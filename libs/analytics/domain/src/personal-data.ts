import { maskPersonalMentions, type PersonalMentionKind } from '@kesu/text';

// ---------------------------------------------------------------- what is personal in complaint data
//
// Roles that may not see personal data (an analyst, a regulator) read complaints and their history
// without it: the complainant (details and the subject id of their data key), the location (an
// address), a social-media account, and each mention in a free text that the tenant marks as
// personal (phone numbers, e-mail addresses, ID numbers). What is withheld is named, never shown.

/**
 * Fields that are personal wherever they stand in complaint data (dot paths from the object's root):
 * withheld whole. `complainant` holds the subject id, itself derived from the person.
 */
export const PERSONAL_FIELDS: readonly string[] = [
  'complainant',
  'location',
  'channelDetails.account',
  'corrections.complainant',
  'corrections.location',
];

/** Fields holding free text, at any depth: the marked mentions in them are masked. */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'description',
  'excerpt',
  'expectedRemedy',
  'remedy',
  'explanation',
  'grounds',
  'reason',
  'note',
  'name',
  'target',
  'summary',
  'facts',
  'comment',
  'rationale',
  'demand',
]);

/** Data as a role without access to personal data sees it, and the paths of what was withheld or masked. */
export interface Redacted<T> {
  readonly value: T;
  /** Dot paths (from the root given) of the fields withheld or masked; empty when nothing was. */
  readonly redacted: string[];
}

/**
 * Withholds the personal fields (left out) and masks the marked mentions in free text, at any
 * depth of `value`; `prefix` is put before every path named (`data.` for an event's data).
 */
export function withoutPersonalData<T>(
  value: T,
  mentions: readonly PersonalMentionKind[],
  prefix = '',
): Redacted<T> {
  const redacted: string[] = [];
  const walk = (node: unknown, path: string, key: string): unknown => {
    if (typeof node === 'string') {
      if (!FREE_TEXT_FIELDS.has(key)) return node;
      const masked = maskPersonalMentions(node, mentions);
      if (masked !== node) redacted.push(prefix + path);
      return masked;
    }
    if (Array.isArray(node)) return node.map((item: unknown, i) => walk(item, `${path}.${i}`, key));
    if (node === null || typeof node !== 'object') return node;
    const kept: Record<string, unknown> = {};
    for (const [field, child] of Object.entries(node)) {
      const at = path === '' ? field : `${path}.${field}`;
      if (PERSONAL_FIELDS.includes(at) && child !== null && child !== undefined) {
        redacted.push(prefix + at);
        continue;
      }
      kept[field] = walk(child, at, field);
    }
    return kept;
  };
  return { value: walk(value, '', '') as T, redacted };
}

/**
 * Leaves the named fields out (links to complaints the caller may not see); `prefix` as above. The
 * fields absent are not named.
 */
export function withoutFields<T extends object>(
  value: T,
  fields: readonly string[],
  prefix = '',
): Redacted<T> {
  const present = fields.filter((field) => (value as Record<string, unknown>)[field] !== undefined);
  const kept = Object.fromEntries(Object.entries(value).filter(([field]) => !present.includes(field)));
  return { value: kept as T, redacted: present.map((field) => prefix + field) };
}
