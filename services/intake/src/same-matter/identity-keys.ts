import { type ComplainantDetails } from '@kesu/intake-contracts';
import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { identityKeys, primaryIdentityKey } from '@kesu/intake-domain';
import { KEY_STORE, TenantSecrets } from '@kesu/platform';
import type { KeyStore } from '@kesu/ports';

/** The key-store subject of each tenant's secret for identity hashes (not a person). */
export const IDENTITY_SECRET_SUBJECT = 'tenant-secret-intake-identity';

/**
 * Turns a complainant's identity keys (canonical phone, lower-cased e-mail, customer id) into keyed
 * hashes: HMAC-SHA256 under a random 256-bit secret per tenant, kept in the key store. The index
 * of earlier complaints stores only these hashes, never a contact: without the tenant's secret they
 * cannot be reversed by trying every phone number, and erasing the secret voids them all.
 */
@Injectable()
export class IdentityKeys {
  private readonly secrets: TenantSecrets;

  constructor(@Inject(KEY_STORE) keys: KeyStore) {
    this.secrets = new TenantSecrets(keys, IDENTITY_SECRET_SUBJECT);
  }

  async hashes(tenantId: string, details: ComplainantDetails): Promise<string[]> {
    const plain = identityKeys(details);
    if (plain.length === 0) return [];
    const secret = await this.secrets.of(tenantId);
    return plain.map((key) => createHmac('sha256', secret).update(key, 'utf8').digest('base64url'));
  }

  /**
   * The person's subject id (whose data key seals their details): `subject-` and a keyed hash of
   * their primary identity key, apart from the index's hashes of the same key (for a complainant
   * known by name alone, the complaint's own key).
   */
  async subjectId(tenantId: string, details: ComplainantDetails, complaintId: string): Promise<string> {
    const secret = await this.secrets.of(tenantId);
    const hash = createHmac('sha256', secret).update(
      `subject:${primaryIdentityKey(details, complaintId)}`,
      'utf8',
    );
    return `subject-${hash.digest('base64url')}`;
  }
}
