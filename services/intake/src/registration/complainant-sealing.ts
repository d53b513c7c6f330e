import { type ComplainantDetails, type SealedComplainant } from '@kesu/intake-contracts';
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sealPersonalData } from '@kesu/kernel';
import { KEY_STORE } from '@kesu/platform';
import { KeyErasedError, type KeyStore } from '@kesu/ports';
import { IdentityKeys } from '../same-matter/identity-keys';

/** How many times one person's data may be erased and given anew before sealing gives up. */
const MAX_SUBJECT_GENERATIONS = 100;

/**
 * Seals the complainant's details with the person's own data key, so erasing the key erases them
 * everywhere. Registration and corrections of the record seal the same way.
 *
 * The person's subject id (whose key it is) is a keyed hash under the tenant's secret of their
 * primary identity (customer id, else phone, else e-mail, else name): the same person gets the same
 * subject, and nobody without the secret can tell whose it is by trying phone numbers. A person
 * whose key was created under the unkeyed id of earlier releases keeps it: their next complaint
 * is sealed under that id again, so one key still holds all their complaints (and erasing it
 * erases them all). Those ids are never shown to a role that may not see personal data.
 *
 * A person whose data was erased gives it anew with a later complaint: it is sealed for a new
 * subject of theirs (the same id with `.2`, `.3`, … after it), never with the erased key.
 */
@Injectable()
export class ComplainantSealing {
  constructor(
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly identities: IdentityKeys,
  ) {}

  async seal(tenantId: string, details: ComplainantDetails): Promise<SealedComplainant> {
    const person = await this.subjectOf(tenantId, details);
    for (let generation = 1; ; generation++) {
      const subjectId = generation === 1 ? person : `${person}.${generation}`;
      try {
        const key = await this.keys.getOrCreate(tenantId, subjectId);
        return { subjectId, sealed: sealPersonalData(key, subjectId, { ...details }) };
      } catch (error) {
        if (!(error instanceof KeyErasedError) || generation >= MAX_SUBJECT_GENERATIONS) throw error;
      }
    }
  }

  /** The subject id the person's details are sealed under: their earlier key's, or the keyed one. */
  async subjectOf(tenantId: string, details: ComplainantDetails): Promise<string> {
    const legacy = legacySubjectId(tenantId, details);
    if (await this.keys.get(tenantId, legacy)) return legacy;
    return this.identities.subjectId(tenantId, details);
  }
}

/**
 * The unkeyed subject id earlier releases gave a person (`customer-<id>`, or `contact-` and a
 * SHA-256 of tenant and contact): only looked up, to find a key created under it, never given out.
 */
export function legacySubjectId(tenantId: string, details: ComplainantDetails): string {
  if (details.customerId) return `customer-${details.customerId}`;
  const contact =
    details.phone?.replace(/[^0-9+]/g, '') || details.email?.toLowerCase() || details.name.trim();
  return `contact-${createHash('sha256').update(`${tenantId}:${contact}`).digest('hex').slice(0, 32)}`;
}
