import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation } from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE } from '@kesu/platform';
import {
  type Clock,
  type Collection,
  type Document,
  type DocumentStore,
  type Lease,
  releaseLease,
  takeLease,
} from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';

/**
 * Per tenant, the lease a merge holds while it decides and records (`_id`: the tenant): merges are
 * decided one at a time, so that two never cross (one incident into another while that one goes
 * into the first), which no single stream's revision could prevent.
 */
export const INCIDENT_MERGE_LOCKS = 'classification_incident_merge_locks';
/** A merge's lease is taken over after this long without its holder finishing (a crashed replica). */
const MERGE_LEASE_MS = 30_000;
/** How often a merge looks again for the lease another holds … */
const MERGE_POLL_MS = 20;
/** … and how many times, about 5 s, before answering 409. */
const MERGE_POLLS = 250;

interface MergeLockDoc extends Document {
  readonly lease: Lease | null;
}

/** The tenant's merge lease (see `INCIDENT_MERGE_LOCKS`), its heartbeat from the Clock. */
@Injectable()
export class MergeLease {
  private readonly locks: Collection<MergeLockDoc>;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.locks = documents.collection<MergeLockDoc>(INCIDENT_MERGE_LOCKS);
  }

  /**
   * Runs a merge holding the tenant's lease; `incident.merge_in_progress` (409) when another merge
   * kept it for about 5 s.
   */
  async hold<T>(tenantId: string, merge: () => Promise<T>): Promise<T> {
    await this.locks.update(tenantId, { $setOnInsert: { lease: null } }, { upsert: true });
    const owner = uuidv7();
    for (let polls = 0; ; polls++) {
      const lease = { owner, heartbeatAt: this.clock.now().getTime() };
      if (await takeLease(this.locks, tenantId, { field: 'lease', lease, leaseMs: MERGE_LEASE_MS })) break;
      if (polls >= MERGE_POLLS)
        throw new DomainRuleViolation(
          'incident.merge_in_progress',
          "Another merge of this tenant's incidents is in progress; try again.",
        );
      await sleep(MERGE_POLL_MS);
    }
    try {
      return await merge();
    } finally {
      await releaseLease(this.locks, tenantId, 'lease', owner);
    }
  }
}
