import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import type { EmbeddedStorage } from '@kesu/adapter-embedded';
import { DOCUMENT_STORE, EMBEDDED_STORAGE } from '@kesu/platform';
import type { Collection, Document, DocumentStore } from '@kesu/ports';

/** The collection (document store) or table (embedded SQLite) of the clocks' next timer instants. */
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

/** Where the index lives: its own SQLite table beside the embedded store, or a document collection. */
interface TimerIndex {
  prepare(): Promise<void>;
  put(timer: SlaTimerDocument): Promise<void>;
  remove(complaintId: string): Promise<void>;
  due(now: string, limit: number): Promise<SlaTimerDocument[]>;
}

/**
 * The embedded index: a table keyed by complaint with a B-tree index on (due instant, complaint),
 * so `due_at <= now ORDER BY due_at LIMIT n` reads only the entries due. (The shared `documents`
 * table's expression indexes are not chosen by SQLite's planner without statistics, which would
 * turn every tick into a scan of the collection.)
 */
function sqliteIndex(storage: EmbeddedStorage): TimerIndex {
  const { database } = storage;
  return {
    async prepare() {
      database.migrate(
        `CREATE TABLE IF NOT EXISTS sla_timers (complaint_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
           branch_id TEXT NOT NULL, due_at TEXT NOT NULL);
         CREATE INDEX IF NOT EXISTS sla_timers_due ON sla_timers (due_at, complaint_id);`,
      );
    },
    put: (t) =>
      database.write((db) => {
        db.prepare(
          `INSERT INTO sla_timers (complaint_id, tenant_id, branch_id, due_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (complaint_id) DO UPDATE SET tenant_id = excluded.tenant_id,
             branch_id = excluded.branch_id, due_at = excluded.due_at`,
        ).run(t._id, t.tenantId, t.branchId, t.dueAt);
      }),
    remove: (id) =>
      database.write((db) => {
        db.prepare('DELETE FROM sla_timers WHERE complaint_id = ?').run(id);
      }),
    async due(now, limit) {
      const rows = database.db
        .prepare(
          `SELECT complaint_id, tenant_id, branch_id, due_at FROM sla_timers
           WHERE due_at <= ? ORDER BY due_at, complaint_id LIMIT ?`,
        )
        .all(now, limit) as Record<string, string>[];
      return rows.map((r) => ({
        _id: r.complaint_id!,
        tenantId: r.tenant_id!,
        branchId: r.branch_id!,
        dueAt: r.due_at!,
      }));
    },
  };
}

/** The document-store index (MongoDB in the distributed profile): a collection indexed on `dueAt`. */
function collectionIndex(collection: Collection<SlaTimerDocument>): TimerIndex {
  return {
    prepare: () => collection.ensureIndex(['dueAt']),
    put: (t) => collection.put(t),
    remove: async (id) => void (await collection.delete(id)),
    async due(now, limit) {
      const page = await collection.find(
        { dueAt: { $lte: now } },
        { sort: { field: 'dueAt', direction: 1 }, limit },
      );
      return page.items;
    },
  };
}

/**
 * The timer index: one entry per complaint whose clocks will fire, with the instant they next fire,
 * indexed on it. A tick asks for the earliest due entries only (`dueAt <= now`, in order, a batch at
 * a time), so its cost grows with the timers due, never with the clocks open.
 */
@Injectable()
export class SlaTimers implements OnModuleInit {
  private readonly index: TimerIndex;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Optional() @Inject(EMBEDDED_STORAGE) embedded?: EmbeddedStorage | null,
  ) {
    this.index =
      embedded && embedded.documents === documents
        ? sqliteIndex(embedded)
        : collectionIndex(documents.collection<SlaTimerDocument>(SLA_TIMERS));
  }

  async onModuleInit(): Promise<void> {
    await this.index.prepare();
  }

  /** Records the complaint's next timer instant, or removes it when none will fire. */
  async schedule(timer: Omit<SlaTimerDocument, 'dueAt'>, dueAt: string | null): Promise<void> {
    if (dueAt === null) await this.index.remove(timer._id);
    else await this.index.put({ ...timer, dueAt });
  }

  /** The timers due by `now`, earliest first, at most `limit`. */
  due(now: string, limit: number): Promise<SlaTimerDocument[]> {
    return this.index.due(now, limit);
  }
}
