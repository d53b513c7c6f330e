import type { RecordedEvent } from '@kesu/kernel';
import { evolveKpiFacts, type KpiFacts } from './kpi-facts';
import type { KpiCell } from './kpi-figures';
import { addCounts, cellKeyOf, type KpiCounts, rollupDelta, type RollupContext } from './kpi-rollup';

/** The demo org tree in short: east-1 and east-2 under east, west-1 under west, all under hq. */
export const CONTEXT: RollupContext = {
  unitsOf: (branchId) => [branchId, branchId.split('-')[0]!, 'hq'],
  timeZone: 'Asia/Shanghai',
};

let position = 0;
/** One event of complaint `id` (only what the fold reads is filled in). */
export const happened = (id: string, type: string, data: Record<string, unknown>): RecordedEvent => ({
  eventId: `e-${++position}`,
  type,
  schemaVersion: 1,
  data: { complaintId: id, ...data },
  occurredAt: '2026-11-01T00:00:00.000Z',
  recordedAt: '2026-11-01T00:00:00.000Z',
  tenantId: 'demo',
  branchId: 'east-1',
  correlationId: id,
  causationId: 'r',
  actor: { kind: 'service', id: 'spec' },
  streamId: `x-${id}`,
  revision: 0,
  prevHash: '0',
  hash: '0',
  globalPosition: position,
});

/** A complaint received at `at` (UTC) at the branch, over the channel. */
export const received = (id: string, at: string, branchId = 'east-1', channel = 'hotline') =>
  happened(id, 'ComplaintReceived', { branchId, channel, receivedAt: at });

/** Rollups built event by event, as the worker keeps them. */
export class Rollups {
  readonly facts = new Map<string, KpiFacts | null>();
  readonly cells = new Map<string, KpiCounts>();

  apply(...events: RecordedEvent[]): this {
    for (const event of events) {
      const before = this.facts.get(event.correlationId) ?? null;
      const after = evolveKpiFacts(before, event);
      this.facts.set(event.correlationId, after);
      for (const [id, change] of rollupDelta(before, after, CONTEXT)) {
        const next = addCounts(this.cells.get(id) ?? {}, change);
        if (Object.keys(next).length === 0) this.cells.delete(id);
        else this.cells.set(id, next);
      }
    }
    return this;
  }

  /** The cells of one unit, as a query reads them. */
  of(unitId: string): KpiCell[] {
    return [...this.cells]
      .map(([id, counts]) => ({ ...cellKeyOf(id), counts }))
      .filter((cell) => cell.unitId === unitId);
  }
}
