import type { Clock } from './clock';
import type { Collection, Document } from './document-store';
import { type Lease, releaseLease, renewLease, takeLease } from './lease';

/** The document holding a role's lease (null: nobody leads). */
export interface LeaderLeaseDocument extends Document {
  readonly lease: Lease | null;
}

export interface LeadershipOptions {
  /** Where the roles' leases are kept, shared by every replica. */
  readonly collection: Collection<LeaderLeaseDocument>;
  /** The role, one leader at a time across replicas: the lease document's id. */
  readonly role: string;
  /** This replica's name in the lease. */
  readonly owner: string;
  readonly clock: Clock;
  /** A leader that has not renewed for this long is presumed dead and replaced. */
  readonly leaseMs: number;
  /** How often the leader renews, and a follower tries to take over (well under `leaseMs`). */
  readonly checkMs: number;
  /** Called once this replica leads. */
  readonly lead: () => void | Promise<void>;
  /** Called once it no longer does (the lease lost, or stopping): resolves when the work has stopped. */
  readonly follow: () => Promise<void>;
  /**
   * Whether the lease's holder is known to have ended (a process of this host that no longer
   * runs): its lease is then taken at once, not after `leaseMs`.
   */
  readonly isGone?: (owner: string) => boolean;
  readonly onError?: (error: unknown) => void;
}

/**
 * One leader among replicas for a role, by a lease in the document store: a replica takes the
 * lease when nobody holds it or its holder stopped renewing it for `leaseMs`, renews it every
 * `checkMs` while it leads, and releases it when stopped, so a follower takes over at its next
 * check. A leader that cannot renew (the lease taken over, or the store unreachable for
 * `leaseMs`) stops leading; a holder known to have ended (`isGone`) is replaced at once. For work
 * that stays correct when two replicas briefly overlap (a leader paused past its lease), only not
 * duplicated in the normal case.
 */
export class Leadership {
  private timer?: NodeJS.Timeout;
  private checking: Promise<void> = Promise.resolve();
  private isLeading = false;
  private renewedAt = 0;
  private stopped = false;
  private documentExists = false;

  constructor(private readonly options: LeadershipOptions) {}

  /** Whether this replica leads now. */
  get leading(): boolean {
    return this.isLeading;
  }

  /** Tries to lead at once, then checks every `checkMs`. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  /** Stops checking; a leader stops its work, then releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.checking;
    if (this.leading) await this.stepDown(true);
  }

  /** One check at a time: renew (leading) or try to take over (following). */
  check(): Promise<void> {
    this.checking = this.checking
      .then(() => this.checkOnce())
      .catch((error: unknown) => this.options.onError?.(error));
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    if (this.stopped) return;
    try {
      await (this.isLeading ? this.renew() : this.tryToLead());
    } catch (error) {
      // Unable to renew for a whole lease: another replica may lead by now.
      if (this.isLeading && this.now() - this.renewedAt > this.options.leaseMs) await this.stepDown(false);
      throw error;
    }
  }

  private async tryToLead(): Promise<void> {
    const { collection, role, leaseMs } = this.options;
    if (!this.documentExists) {
      await collection.update(role, { $setOnInsert: { lease: null } }, { upsert: true });
      this.documentExists = true;
    }
    const taken =
      (await takeLease(collection, role, { field: 'lease', lease: this.lease(), leaseMs })) ??
      (await this.takeFromTheGone());
    if (!taken) return;
    this.isLeading = true;
    this.renewedAt = this.now();
    try {
      await this.options.lead();
    } catch (error) {
      await this.stepDown(true);
      throw error;
    }
  }

  /** Takes the lease of a holder known to have ended, if it still holds it as read. */
  private async takeFromTheGone(): Promise<LeaderLeaseDocument | null> {
    const { collection, role, isGone } = this.options;
    if (!isGone) return null;
    const held = (await collection.get(role))?.lease;
    if (!held || !isGone(held.owner)) return null;
    return collection.update(
      role,
      { $set: { lease: this.lease() } },
      { filter: { 'lease.owner': held.owner, 'lease.heartbeatAt': held.heartbeatAt } },
    );
  }

  private async renew(): Promise<void> {
    const renewed = await renewLease(this.options.collection, this.options.role, 'lease', this.lease());
    if (renewed) this.renewedAt = this.now();
    else await this.stepDown(false);
  }

  private async stepDown(release: boolean): Promise<void> {
    this.isLeading = false;
    try {
      await this.options.follow();
    } finally {
      if (release)
        await releaseLease(this.options.collection, this.options.role, 'lease', this.options.owner);
    }
  }

  private lease(): Lease {
    return { owner: this.options.owner, heartbeatAt: this.now() };
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}
