const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
/** Area code (010, 02x, or 0 and three digits) and a local number of 7–8 digits. */
const LANDLINE = /^(?:010|02\d|0[3-9]\d{2})\d{7,8}$/;
const CHINA_E164 = /^\+86((?:10|2\d|[3-9]\d{2})\d{7,8})$/;
const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * A telephone number in one canonical spelling, or null when it is none: a mainland-China mobile
 * (11 digits from 13–19, with or without +86 / 86) as its 11 digits, a landline with its area code
 * (010-12345678, 0755-1234567, +86 755 1234567) as its digits from the leading 0, any other
 * international number (E.164: `+` and 8–15 digits) as `+` and its digits. Spaces and dashes are
 * ignored.
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '');
  const mobile = MOBILE.exec(compact);
  if (mobile) return mobile[1]!;
  if (LANDLINE.test(compact)) return compact;
  const chinese = CHINA_E164.exec(compact);
  if (chinese) return `0${chinese[1]}`;
  if (compact.startsWith('+86')) return null;
  return E164.test(compact) ? compact : null;
}

/**
 * The keys that identify a complainant across complaints, in plain text (to be hashed before they
 * are stored): the canonical phone number, the lower-cased e-mail address and the customer id.
 * The name is not one: many people share a name.
 */
export function identityKeys(details: ComplainantDetails): string[] {
  const phone = details.phone === undefined ? null : normalisePhone(details.phone);
  return [
    ...(phone ? [`phone:${phone}`] : []),
    ...(details.email ? [`email:${details.email.trim().toLowerCase()}`] : []),
    ...(details.customerId ? [`customer:${details.customerId.trim()}`] : []),
  ];
}
import { type ComplainantDetails } from '@kesu/intake-contracts';

/**
 * The one key a complainant's data key is found by (their subject, to be hashed with the tenant's
 * secret): the customer id, else the canonical phone number, else the e-mail address, else the name.
 */
export function primaryIdentityKey(details: ComplainantDetails): string {
  const keys = identityKeys(details);
  return (
    keys.find((key) => key.startsWith('customer:')) ??
    keys[0] ??
    `name:${details.name.trim().normalize('NFKC')}`
  );
}
