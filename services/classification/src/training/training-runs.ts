import type { ClassifierOptions } from '@kesu/classification-text-model';
import {
  type Clock,
  type Collection,
  type Document,
  type DocumentStore,
  isLive,
  type Lease,
  releaseLease,
  renewLease,
  takeLease,
} from '@kesu/ports';
import type { Actor } from '@kesu/kernel';
import { type Principal, replicaName } from '@kesu/platform';

/** The trainings in progress, one document per tenant: what a restart finds and resumes. */
export const TRAINING_RUNS = 'classification_training_runs';

/** Who asks for a training (a user, or the service when it retrains by itself), where in the org tree. */
export interface TrainingAuthor {
  readonly tenantId: string;
  readonly branchId: string;
  readonly actor: Actor;
  /** The request's causation id: the outcome is recorded once however often the run is resumed. */
  readonly causationId?: string;
}

/** The author of a training a user asks for: the user, at the first unit of their scope. */
export function authorOf(principal: Principal): TrainingAuthor {
  return {
    tenantId: principal.tenantId,
    branchId: principal.branchScope[0] ?? principal.tenantId,
    actor: { kind: 'user', id: principal.userId, roles: principal.roles },
  };
}

export interface TrainingRun extends Document {
  readonly tenantId: string;
  /** Who asked (a user, or the service when it retrains by itself) and the request's causation id. */
  readonly author: TrainingAuthor & { readonly causationId: string };
  readonly options: Partial<ClassifierOptions>;
  readonly startedAt: string;
  /** The replica training it, renewed while its thread runs; null or absent: nobody (resumable). */
  readonly lease?: Lease | null;
}

/** How long a training lease lives without a heartbeat, how often it is renewed and runs are swept. */
export interface TrainingTiming {
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  /** How often a replica resumes runs whose owner died and checks which tenants are due a retraining. */
  readonly sweepMs: number;
}

export const DEFAULT_TRAINING_TIMING: TrainingTiming = {
  leaseMs: 60_000,
  heartbeatMs: 15_000,
  sweepMs: 60_000,
};

/**
 * The training-run documents and their leases. A replica trains a tenant's run only while it holds
 * the run's lease: it takes it atomically (insert-if-absent for a new run, a compare-and-set for an
 * existing one), renews it every `heartbeatMs`, and another replica takes it over once the
 * heartbeat is older than `leaseMs` (its owner died), as `prepareProjection` does for rebuilds.
 */
export class TrainingRuns {
  /** This replica, as other replicas see it. */
  readonly owner = replicaName();
  private readonly runs: Collection<TrainingRun>;

  constructor(
    documents: DocumentStore,
    private readonly clock: Clock,
    private readonly timing: TrainingTiming,
  ) {
    this.runs = documents.collection<TrainingRun>(TRAINING_RUNS);
  }

  /**
   * Claims a new run: inserts it when the tenant has none, or takes over the document of an earlier
   * run nobody holds (its fields are replaced). Returns null when another live lease holds the
   * tenant's run (that holder may be this replica), and the holder's lease.
   */
  async claimNew(
    run: Omit<TrainingRun, 'lease'>,
  ): Promise<{ claimed: TrainingRun | null; holder: Lease | null }> {
    const { _id, ...fields } = run;
    const lease = this.lease();
    const stored = await this.runs.update(_id, { $setOnInsert: { ...fields, lease } }, { upsert: true });
    if (stored?.author.causationId === run.author.causationId && stored.lease?.owner === this.owner) {
      return { claimed: stored, holder: lease };
    }
    const claimed = await takeLease(this.runs, _id, {
      field: 'lease',
      lease,
      leaseMs: this.timing.leaseMs,
      set: fields,
    });
    return { claimed, holder: claimed ? lease : ((await this.runs.get(_id))?.lease ?? null) };
  }

  /** Claims an interrupted run to resume it, unless a live replica holds it; null when not claimed. */
  claimInterrupted(run: TrainingRun): Promise<TrainingRun | null> {
    if (isLive(run.lease, this.clock.now().getTime(), this.timing.leaseMs)) return Promise.resolve(null);
    return takeLease(this.runs, run._id, {
      field: 'lease',
      lease: this.lease(),
      leaseMs: this.timing.leaseMs,
      filter: { 'author.causationId': run.author.causationId },
    });
  }

  /** Renews this replica's lease on the run; false when another replica took it over. */
  async heartbeat(run: TrainingRun): Promise<boolean> {
    return (await renewLease(this.runs, run._id, 'lease', this.lease())) !== null;
  }

  /** Lets another replica resume the run (this one stops). */
  async release(run: TrainingRun): Promise<void> {
    await releaseLease(this.runs, run._id, 'lease', this.owner);
  }

  /** Removes a finished run if this replica still holds it. */
  async finish(run: TrainingRun): Promise<void> {
    if (await this.heartbeat(run)) await this.runs.delete(run._id);
  }

  /** Every run, a page at a time. */
  async *all(): AsyncGenerator<TrainingRun> {
    let cursor: string | undefined;
    do {
      const page = await this.runs.find({}, { limit: 100, cursor });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  private lease(): Lease {
    return { owner: this.owner, heartbeatAt: this.clock.now().getTime() };
  }
}
