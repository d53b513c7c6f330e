import { type ComplainantDetails, type SealedComplainant } from '@kesu/intake-contracts';
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sealPersonalData } from '@kesu/kernel';
import { KEY_STORE } from '@kesu/platform';
import type { KeyStore } from '@kesu/ports';
import { IdentityKeys } from '../same-matter/identity-keys';

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
 */
@Injectable()
export class ComplainantSealing {
  constructor(
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly identities: IdentityKeys,
  ) {}

  async seal(tenantId: string, details: ComplainantDetails): Promise<SealedComplainant> {
    const subjectId = await this.subjectOf(tenantId, details);
    const key = await this.keys.getOrCreate(tenantId, subjectId);
    return { subjectId, sealed: sealPersonalData(key, subjectId, { ...details }) };
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
