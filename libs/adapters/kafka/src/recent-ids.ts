/**
 * The ids of messages recently published through this process, per topic, least recently seen
 * forgotten first. Kafka's idempotent producer only drops the retries of one send; the port also
 * promises that publishing an id again is a no-op, which this record keeps within one process
 * (a repeat after a restart may reach the log, see `Message.id`).
 */
export class RecentIds {
  /** `topic NUL id`, in order of last sight: a Set iterates in insertion order, so its first is the oldest. */
  private readonly seen = new Set<string>();

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
   * Records the messages' ids and returns the messages not seen before, in order; a repeat within
   * `messages` is dropped too. A repeat that arrives while its first publication is still in flight
   * is dropped as well: should that publication fail, its caller gets the error and publishes again.
   */
  claim<T extends { readonly id: string }>(topic: string, messages: readonly T[]): T[] {
    const fresh: T[] = [];
    for (const message of messages) {
      const seen = key(topic, message.id);
      const repeat = this.seen.delete(seen);
      this.seen.add(seen);
      if (!repeat) fresh.push(message);
    }
    this.evict();
    return fresh;
  }

  /** Forgets ids whose publication failed, so that publishing them again is tried. */
  release(topic: string, messages: readonly { readonly id: string }[]): void {
    for (const message of messages) this.seen.delete(key(topic, message.id));
  }

  private evict(): void {
    for (const oldest of this.seen) {
      if (this.seen.size <= this.capacity) return;
      this.seen.delete(oldest);
    }
  }
}

/** Topic names cannot hold NUL, so the pair is unambiguous. */
const key = (topic: string, id: string): string => `${topic}\u0000${id}`;
