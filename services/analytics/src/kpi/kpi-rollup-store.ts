import { Inject, Injectable } from '@nestjs/common';
import {
  addCounts,
  cellKeyOf,
  evolveKpiFacts,
  KPI_EVENT_TYPES,
  type KpiCell,
  type KpiCounts,
  type KpiFacts,
  monthDelta,
  rollupDelta,
  type RollupContext,
} from '@kesu/analytics-domain';
import type { RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE, OrgDirectory } from '@kesu/platform';
import type { Collection, Document, DocumentStore, Filter } from '@kesu/ports';

/**
 * The version of the rollups' fold: raise it when what they count changes (a rebuild beside follows).
 * 2: month cells beside the day cells; closure-day buckets and upheld counts (each on its own
 * branch); 3: both together.
 */
export const KPI_ROLLUP_VERSION = 3;

/** The collection of one build of the rollups. */
export const rollupCollection = (build: string): string => `analytics_kpi_${build}`;

/** The grain of cells: a day (`cell`, `day` is `YYYY-MM-DD`) or a month (`month`, `day` is `YYYY-MM`). */
export type RollupTier = 'day' | 'month';

/** A complaint's facts, a day or month cell, or the build's checkpoint: one collection, written together. */
export interface RollupDocument extends Document {
  readonly kind: 'facts' | 'cell' | 'month' | 'checkpoint';
  readonly tenantId?: string;
  readonly facts?: KpiFacts | null;
  readonly counts?: KpiCounts;
  readonly position?: number;
  readonly unitId?: string;
  readonly day?: string;
}

const CHECKPOINT = 'checkpoint';
const KPI_TYPES: ReadonlySet<string> = new Set(KPI_EVENT_TYPES);
const factsId = (complaintId: string) => `facts|${complaintId}`;
const cellDocId = (tenantId: string, cellId: string) => `cell|${tenantId}|${cellId}`;
const monthDocId = (tenantId: string, cellId: string) => `month|${tenantId}|${cellId}`;
const KIND_OF_TIER = { day: 'cell', month: 'month' } as const;
const cellIdOfDocument = (docId: string): string => docId.split('|').slice(2).join('|');
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const CELLS_PAGE = 5_000;

/**
 * The KPI rollups of one build: each batch of events (in global order) folds the facts of their
 * complaints and moves the counts of the cells they touch — the day cells and their month cells
 * (`monthDelta`), which queries over whole months read — and everything — facts, cells and the
 * position reached — is written in one atomic write, so a batch delivered again changes nothing.
 * One writer per build (the worker's subscription).
 */
@Injectable()
export class KpiRollupStore {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly directory: OrgDirectory,
  ) {}

  collection(build: string): Collection<RollupDocument> {
    return this.documents.collection<RollupDocument>(rollupCollection(build));
  }

  async ensureIndexes(build: string): Promise<void> {
    await this.collection(build).ensureIndex(['kind', 'tenantId', 'unitId', 'day']);
  }

  /** The position the build has folded up to (0: none). */
  async position(build: string): Promise<number> {
    return (await this.collection(build).get(CHECKPOINT))?.position ?? 0;
  }

  /** Folds a batch of events (global order) into the build; events at or before its position are skipped. */
  async apply(build: string, events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const collection = this.collection(build);
    const from = (await collection.get(CHECKPOINT))?.position ?? 0;
    const relevant = events.filter((event) => event.globalPosition > from && KPI_TYPES.has(event.type));
    const facts = new Map<string, RollupDocument>();
    for (const doc of await collection.getMany([...new Set(relevant.map((e) => factsId(e.correlationId)))])) {
      facts.set(doc._id, doc);
    }
    const changes = new Map<
      string,
      { tenantId: string; cellId: string; kind: 'cell' | 'month'; change: KpiCounts }
    >();
    const record = (
      docId: string,
      tenantId: string,
      cellId: string,
      kind: 'cell' | 'month',
      change: KpiCounts,
    ) => {
      const current = changes.get(docId);
      changes.set(docId, { tenantId, cellId, kind, change: addCounts(current?.change ?? {}, change) });
    };
    for (const event of relevant) {
      const id = factsId(event.correlationId);
      const before = facts.get(id)?.facts ?? null;
      const after = evolveKpiFacts(before, event);
      if (after === before) continue;
      facts.set(id, { _id: id, kind: 'facts', tenantId: event.tenantId, facts: after });
      const delta = rollupDelta(before, after, this.contextOf(event.tenantId));
      for (const [cellId, change] of delta)
        record(cellDocId(event.tenantId, cellId), event.tenantId, cellId, 'cell', change);
      for (const [cellId, change] of monthDelta(delta))
        record(monthDocId(event.tenantId, cellId), event.tenantId, cellId, 'month', change);
    }
    const cells = new Map((await collection.getMany([...changes.keys()])).map((doc) => [doc._id, doc]));
    const written: RollupDocument[] = [...facts.values()];
    for (const [docId, { tenantId, cellId, kind, change }] of changes) {
      const key = cellKeyOf(cellId);
      const counts = addCounts(cells.get(docId)?.counts ?? {}, change);
      written.push({ _id: docId, kind, tenantId, unitId: key.unitId, day: key.day, counts });
    }
    written.push({
      _id: CHECKPOINT,
      kind: 'checkpoint',
      position: Math.max(from, events.at(-1)!.globalPosition),
    });
    await collection.putMany(written);
  }

  /**
   * The tenant's cells of these units between two days (inclusive; with `tier` month, two months
   * `YYYY-MM`, and the cells' `day` is their month), read page by page, one unit at a time in the
   * order of days, so the index (kind, tenant, unit, day) serves both filter and order.
   */
  async *cells(
    build: string,
    tenantId: string,
    unitIds: readonly string[],
    from: string,
    to: string,
    tier: RollupTier = 'day',
  ): AsyncIterable<KpiCell> {
    for (const unitId of unitIds) {
      const filter: Filter = { kind: KIND_OF_TIER[tier], tenantId, unitId, day: { $gte: from, $lte: to } };
      let cursor: string | undefined;
      do {
        const page = await this.collection(build).find(filter, {
          sort: { field: 'day', direction: 1 },
          limit: CELLS_PAGE,
          ...(cursor && { cursor }),
        });
        for (const doc of page.items) {
          if (Object.keys(doc.counts ?? {}).length > 0)
            yield { ...cellKeyOf(cellIdOfDocument(doc._id)), counts: doc.counts! };
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }

  /** The org tree and calendar of the tenant, as its published directory has them now. */
  contextOf(tenantId: string): RollupContext {
    return {
      timeZone: this.directory.tenant(tenantId)?.timeZone ?? DEFAULT_TIME_ZONE,
      unitsOf: (branchId) => {
        const chain: string[] = [];
        for (let unit = this.directory.unit(tenantId, branchId); unit;) {
          chain.push(unit.id);
          unit = unit.parentId === null ? undefined : this.directory.unit(tenantId, unit.parentId);
        }
        return chain.length > 0 ? chain : [branchId];
      },
    };
  }
}
