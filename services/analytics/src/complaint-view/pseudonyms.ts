import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KEY_STORE, type Principal, Role, TenantSecrets } from '@kesu/platform';
import type { KeyStore } from '@kesu/ports';

/** The key-store subject of each tenant's secret for complainant pseudonyms (not a person). */
export const PSEUDONYM_SECRET_SUBJECT = 'tenant-secret-analytics-pseudonyms';

/**
 * Roles that see a complainant as a pseudonym where they may not see the person: analysts, who
 * count repeat complainants and follow one person's complaints without knowing who they are.
 */
export const SEES_PSEUDONYMS: ReadonlySet<string> = new Set([Role.analyst]);

/** Whether the caller is shown pseudonyms of the complainants they may not see. */
export const seesPseudonyms = (principal: Principal): boolean =>
  principal.roles.some((role) => SEES_PSEUDONYMS.has(role));

/**
 * A complainant's stable pseudonym within a tenant (`P-` and 12 hex digits): a keyed hash of the
 * person's data subject under a random secret of the tenant, kept in the key store. The same
 * person gets the same pseudonym on each of their complaints; without the secret it cannot be
 * traced back to the subject, nor matched across tenants. A person whose data was erased has none.
 */
@Injectable()
export class Pseudonyms {
  private readonly secrets: TenantSecrets;

  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {
    this.secrets = new TenantSecrets(keys, PSEUDONYM_SECRET_SUBJECT);
  }

  /** The pseudonym of the person sealed under `subjectId`; null once their data key is erased. */
  async of(tenantId: string, subjectId: string): Promise<string | null> {
    if (!(await this.keys.get(tenantId, subjectId))) return null;
    const secret = await this.secrets.of(tenantId);
    const hash = createHmac('sha256', secret).update(`pseudonym:${subjectId}`, 'utf8').digest('hex');
    return `P-${hash.slice(0, 12).toUpperCase()}`;
  }
}
