import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { DomainRuleViolation } from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE } from '@kesu/platform';
import type { Clock, Collection, Document, DocumentStore, Lease } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';

/**
 * Per complainant identity key hash (`_id`: tenant and hash), the lease a registration holds while
 * it looks for the same matter, records its decision and indexes it: two registrations of the same
 * person are decided one after the other, so the second finds the first (one stream's revision
 * cannot prevent this: each registration writes a stream of its own). The ids are keyed hashes, as
 * in the identity index; nothing else is stored.
 */
export const SAME_MATTER_LEASES = 'intake_same_matter_leases';
/** A lease is taken over after this long without its holder finishing (a crashed process). */
const LEASE_MS = 10_000;
/** How often a registration looks again for a lease another process holds … */
const POLL_MS = 5;
/** … and for how long, before answering 409. */
const WAIT_MS = 10_000;

interface SameMatterLeaseDoc extends Document {
  readonly lease: Lease | null;
}

/** The leases of `SAME_MATTER_LEASES`, their heartbeat from the Clock. */
@Injectable()
export class SameMatterLease {
  private readonly leases: Collection<SameMatterLeaseDoc>;
  /** In this process, the last registration queued for each lease: the next one waits for it. */
  private readonly queued = new Map<string, Promise<void>>();

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.leases = documents.collection<SameMatterLeaseDoc>(SAME_MATTER_LEASES);
  }

  /**
   * Runs `decide` holding the leases of every key hash (taken in one order, so two holders never wait
   * for each other); `complaint.complainant_busy` (409) when another process kept one for 10 s.
   * Without key hashes (a complainant known by name alone) nothing can match, so nothing is held.
   */
  async hold<T>(tenantId: string, keyHashes: readonly string[], decide: () => Promise<T>): Promise<T> {
    const ids = [...new Set(keyHashes)].sort().map((hash) => `${tenantId}:${hash}`);
    const releases: Array<() => Promise<void>> = [];
    try {
      for (const id of ids) releases.push(await this.take(id));
      return await decide();
    } finally {
      for (const release of releases.reverse()) await release();
    }
  }

  /** Waits for the registrations queued before in this process, then takes the stored lease. */
  private async take(id: string): Promise<() => Promise<void>> {
    const before = this.queued.get(id) ?? Promise.resolve();
    let done!: () => void;
    const released = new Promise<void>((resolve) => (done = resolve));
    const mine = before.then(() => released);
    this.queued.set(id, mine);
    await before;
    const finish = () => {
      done();
      if (this.queued.get(id) === mine) this.queued.delete(id);
    };
    let owner: string;
    try {
      owner = await this.lease(id);
    } catch (error) {
      finish();
      throw error;
    }
    return async () => {
      try {
        await this.leases.update(id, { $set: { lease: null } }, { filter: { 'lease.owner': owner } });
      } finally {
        finish();
      }
    };
  }

  private async lease(id: string): Promise<string> {
    const owner = uuidv7();
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const now = this.clock.now().getTime();
      const set = { $set: { lease: { owner, heartbeatAt: now } } };
      const taken =
        (await this.leases.update(id, set, { upsert: true, filter: { lease: null } })) ??
        (await this.leases.update(id, set, { filter: { 'lease.heartbeatAt': { $lt: now - LEASE_MS } } }));
      if (taken) return owner;
      if (Date.now() > deadline) {
        throw new DomainRuleViolation(
          'complaint.complainant_busy',
          'Another registration of this complainant is being decided; try again.',
        );
      }
      await sleep(POLL_MS);
    }
  }
}
