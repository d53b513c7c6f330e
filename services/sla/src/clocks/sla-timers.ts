import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { Collection, Document, DocumentStore } from '@kesu/ports';

/** The collection of the clocks' next timer instants. */
export const SLA_TIMERS = 'sla-timers';

/** One complaint's next timer: the earliest warning or breach instant of its running clocks. */
export interface SlaTimerDocument extends Document {
  /** The complaint id. */
  readonly _id: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** UTC ISO instant of the next warning or breach (ISO strings sort as instants). */
  readonly dueAt: string;
}

/**
 * The timer index: one document per complaint whose clocks will fire, with the instant they next
 * fire, indexed on it. A tick asks for the earliest due documents only (`dueAt <= now`, in order,
 * a page at a time), so its cost grows with the timers due, never with the clocks open.
 */
@Injectable()
export class SlaTimers implements OnModuleInit {
  private readonly collection: Collection<SlaTimerDocument>;

  constructor(@Inject(DOCUMENT_STORE) documents: DocumentStore) {
    this.collection = documents.collection<SlaTimerDocument>(SLA_TIMERS);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.ensureIndex(['dueAt']);
  }

  /** Records the complaint's next timer instant, or removes it when none will fire. */
  async schedule(timer: Omit<SlaTimerDocument, 'dueAt'>, dueAt: string | null): Promise<void> {
    if (dueAt === null) await this.collection.delete(timer._id);
    else await this.collection.put({ ...timer, dueAt });
  }

  /** The timers due by `now`, earliest first, at most `limit`. */
  async due(now: string, limit: number): Promise<SlaTimerDocument[]> {
    const page = await this.collection.find(
      { dueAt: { $lte: now } },
      { sort: { field: 'dueAt', direction: 1 }, limit },
    );
    return page.items;
  }
}
