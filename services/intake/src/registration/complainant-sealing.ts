import { type ComplainantDetails, type SealedComplainant } from '@kesu/intake-contracts';
import { createHash } from 'node:crypto';
import { sealPersonalData } from '@kesu/kernel';
import type { KeyStore } from '@kesu/ports';

/**
 * Seals the complainant's details with the person's own data key, so erasing the key erases them
 * everywhere. Registration and corrections of the record seal the same way.
 */
export async function sealComplainant(
  keys: KeyStore,
  tenantId: string,
  details: ComplainantDetails,
): Promise<SealedComplainant> {
  const subjectId = complainantSubjectId(tenantId, details);
  const key = await keys.getOrCreate(tenantId, subjectId);
  return { subjectId, sealed: sealPersonalData(key, subjectId, { ...details }) };
}

/** The same person gets the same subject: by customer id, else by contact, else by name. */
export function complainantSubjectId(tenantId: string, details: ComplainantDetails): string {
  if (details.customerId) return `customer-${details.customerId}`;
  const contact =
    details.phone?.replace(/[^0-9+]/g, '') || details.email?.toLowerCase() || details.name.trim();
  return `contact-${createHash('sha256').update(`${tenantId}:${contact}`).digest('hex').slice(0, 32)}`;
}
