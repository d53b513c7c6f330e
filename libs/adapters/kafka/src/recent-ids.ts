/**
 * Where an id stands: published (`true`), or its first publication still in flight (the promise
 * of that publication's outcome, true when it is durable).
 */
type Standing = true | Promise<boolean>;

/**
 * The ids of messages recently published through this process, per topic, least recently seen
 * forgotten first. Kafka's idempotent producer only drops the retries of one send; the port also
 * promises that publishing an id again is a no-op, which this record keeps within one process
 * (a repeat after a restart may reach the log, see `Message.id`).
 */
export class RecentIds {
  /** `topic NUL id`, in order of last sight: a Map iterates in insertion order, so its first is the oldest. */
  private readonly seen = new Map<string, Standing>();

  constructor(private readonly capacity = 100_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`invalid capacity ${capacity}`);
  }

  get size(): number {
    return this.seen.size;
  }

  has(topic: string, id: string): boolean {
    return this.seen.has(key(topic, id));
  }

  /**
   * Publishes, through `send`, the messages whose ids were not published before (in order, a
   * repeat within `messages` once), and resolves when every message is durable: a repeat whose
   * first publication is still in flight waits for that publication, and is published again here
   * when it failed. When `send` fails its ids are forgotten again, so that a retry publishes them.
   */
  async publish<T extends { readonly id: string }>(
    topic: string,
    messages: readonly T[],
    send: (fresh: T[]) => Promise<void>,
  ): Promise<void> {
    for (;;) {
      const { fresh, earlier, settle } = this.claim(topic, messages);
      if (fresh.length > 0) {
        try {
          await send(fresh);
        } catch (error) {
          settle(false);
          throw error;
        }
        settle(true);
      }
      const outcomes = await Promise.all(earlier);
      // An earlier publication failed and forgot its ids: claim them again.
      if (outcomes.every(Boolean)) return;
    }
  }

  /**
   * Records the messages' ids: the fresh ones as in flight until `settle` tells the outcome of
   * their publication, and the earlier publications still in flight that hold the repeated ones.
   */
  private claim<T extends { readonly id: string }>(topic: string, messages: readonly T[]) {
    let settleOutcome!: (durable: boolean) => void;
    const outcome = new Promise<boolean>((resolve) => (settleOutcome = resolve));
    const fresh: T[] = [];
    const freshKeys: string[] = [];
    const earlier = new Set<Promise<boolean>>();
    for (const message of messages) {
      const seen = key(topic, message.id);
      const standing = this.seen.get(seen);
      this.seen.delete(seen);
      this.seen.set(seen, standing ?? outcome);
      if (standing === undefined) {
        fresh.push(message);
        freshKeys.push(seen);
      } else if (standing !== true && standing !== outcome) {
        earlier.add(standing);
      }
    }
    this.evict();
    const settle = (durable: boolean) => {
      for (const seen of freshKeys) {
        if (this.seen.get(seen) !== outcome) continue;
        if (durable) this.seen.set(seen, true);
        else this.seen.delete(seen);
      }
      settleOutcome(durable);
    };
    return { fresh, earlier: [...earlier], settle };
  }

  private evict(): void {
    for (const oldest of this.seen.keys()) {
      if (this.seen.size <= this.capacity) return;
      this.seen.delete(oldest);
    }
  }
}

/** Topic names cannot hold NUL, so the pair is unambiguous. */
const key = (topic: string, id: string): string => `${topic}\u0000${id}`;
