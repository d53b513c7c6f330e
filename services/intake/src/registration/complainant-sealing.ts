import { type ComplainantDetails, type SealedComplainant } from '@kesu/intake-contracts';
import { createHash } from 'node:crypto';
import { sealPersonalData } from '@kesu/kernel';
import { KeyErasedError, type KeyStore } from '@kesu/ports';

/** How many times one person's data may be erased and given anew before sealing gives up. */
const MAX_SUBJECT_GENERATIONS = 100;

/**
 * Seals the complainant's details with the person's own data key, so erasing the key erases them
 * everywhere. Registration and corrections of the record seal the same way. A person whose data
 * was erased gives it anew with a later complaint: it is sealed for a new subject of theirs (the
 * same id with `.2`, `.3`, … after it), never with the erased key.
 */
export async function sealComplainant(
  keys: KeyStore,
  tenantId: string,
  details: ComplainantDetails,
): Promise<SealedComplainant> {
  const person = complainantSubjectId(tenantId, details);
  for (let generation = 1; ; generation++) {
    const subjectId = generation === 1 ? person : `${person}.${generation}`;
    try {
      const key = await keys.getOrCreate(tenantId, subjectId);
      return { subjectId, sealed: sealPersonalData(key, subjectId, { ...details }) };
    } catch (error) {
      if (!(error instanceof KeyErasedError) || generation >= MAX_SUBJECT_GENERATIONS) throw error;
    }
  }
}

/** The same person gets the same subject: by customer id, else by contact, else by name. */
export function complainantSubjectId(tenantId: string, details: ComplainantDetails): string {
  if (details.customerId) return `customer-${details.customerId}`;
  const contact =
    details.phone?.replace(/[^0-9+]/g, '') || details.email?.toLowerCase() || details.name.trim();
  return `contact-${createHash('sha256').update(`${tenantId}:${contact}`).digest('hex').slice(0, 32)}`;
}
