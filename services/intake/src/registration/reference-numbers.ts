import type { DocumentStore } from '@kesu/ports';
import { DateTime } from 'luxon';

/** How many reference numbers a process reserves with one durable write. */
const BLOCK = 50;

interface Block {
  readonly day: string;
  next: number;
  readonly end: number;
}

/**
 * Numbers complaints `KS-<local date>-<sequence>` per tenant and day. A process reserves a block
 * of sequence numbers with one atomic increment and hands them out from memory, so most
 * registrations need no extra write; numbers stay unique across processes, and a restart leaves a
 * gap rather than a duplicate.
 */
export class ReferenceNumbers {
  private readonly blocks = new Map<string, Block>();
  private readonly reserving = new Map<string, Promise<Block>>();

  constructor(
    private readonly documents: DocumentStore,
    private readonly timeZone: string,
  ) {}

  async next(tenantId: string, now: Date): Promise<string> {
    const day = DateTime.fromJSDate(now).setZone(this.timeZone).toFormat('yyyyLLdd');
    let block = this.blocks.get(tenantId);
    while (!block || block.day !== day || block.next > block.end) block = await this.reserve(tenantId, day);
    return `KS-${day}-${String(block.next++).padStart(6, '0')}`;
  }

  private reserve(tenantId: string, day: string): Promise<Block> {
    const key = `${tenantId}:${day}`;
    const pending = this.reserving.get(key);
    if (pending) return pending;
    const reservation = this.documents
      .collection<{ _id: string; next: number }>('intake_reference_counters')
      .update(key, { $inc: { next: BLOCK } }, { upsert: true })
      .then((counter) => {
        const block = { day, next: counter!.next - BLOCK + 1, end: counter!.next };
        this.blocks.set(tenantId, block);
        return block;
      })
      .finally(() => this.reserving.delete(key));
    this.reserving.set(key, reservation);
    return reservation;
  }
}
