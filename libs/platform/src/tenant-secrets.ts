import type { KeyStore } from '@kesu/ports';

/**
 * A random 256-bit secret per tenant for keyed hashes, kept in the key store under a subject of its
 * own (not a person's) and held once read: without it the hashes cannot be reversed by trying
 * every phone number, nor matched across tenants; erasing it voids them all.
 */
export class TenantSecrets {
  private readonly secrets = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly keys: KeyStore,
    /** The key-store subject the secrets are kept under, one per use (e.g. `tenant-secret-…`). */
    readonly subject: string,
  ) {}

  of(tenantId: string): Promise<Uint8Array> {
    let secret = this.secrets.get(tenantId);
    if (!secret) {
      secret = this.keys.getOrCreate(tenantId, this.subject);
      secret.catch(() => this.secrets.delete(tenantId));
      this.secrets.set(tenantId, secret);
    }
    return secret;
  }
}
