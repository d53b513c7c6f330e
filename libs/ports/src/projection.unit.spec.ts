import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import type { Collection } from './document-store';
import type { EventStore } from './event-store';
import { applyToProjection, type Projected, type Projection } from './projection';
import { prepareProjection } from './projection-preparation';

type Tally = { _id: string; events: number } & Projected;

const tally = (version: number): Projection<Tally> => ({
  name: 'tally',
  version,
  collection: 'tallies',
  topics: ['t'],
  handles: ['Counted'],
  documentId: (event) => event.correlationId,
  evolve: (doc, event) => ({ _id: event.correlationId, events: (doc?.events ?? 0) + 1 }),
});

const registry = new EventTypeRegistry([{ type: 'Counted', schemaVersion: 1 }]);
const counted = (id: string, position: number) =>
  ({ type: 'Counted', schemaVersion: 1, correlationId: id, globalPosition: position }) as RecordedEvent;

/**
 * The part of a collection `applyToProjection` uses, in a map (`replaceIf` with equality filters,
 * null matching a missing field). `beforeWrite` runs before each compare-and-set, as another writer.
 */
function memoryCollection(docs: Tally[] = [], beforeWrite?: (stored: Map<string, Tally>) => void) {
  const stored = new Map(docs.map((doc) => [doc._id, doc]));
  const collection = {
    getMany: async (ids: readonly string[]) => ids.flatMap((id) => stored.get(id) ?? []),
    replaceIf: async (doc: Tally, expected: Record<string, unknown> | null) => {
      beforeWrite?.(stored);
      const current = stored.get(doc._id) as Record<string, unknown> | undefined;
      const matches = expected
        ? current !== undefined && Object.entries(expected).every(([k, v]) => (current[k] ?? null) === v)
        : current === undefined;
      if (matches) stored.set(doc._id, doc);
      return matches;
    },
    delete: async (id: string) => stored.delete(id),
  } as unknown as Collection<Tally>;
  return { collection, stored };
}

describe('applyToProjection with fold versions', () => {
  it('stamps every document it writes with the fold version', async () => {
    const { collection, stored } = memoryCollection();
    expect(
      await applyToProjection(tally(2), collection, registry, [counted('c1', 1), counted('c1', 2)]),
    ).toBe(1);
    expect(stored.get('c1')).toEqual({
      _id: 'c1',
      events: 2,
      lastPosition: 2,
      projectionVersion: 2,
      documentRevision: 1,
    });
  });

  it('folds from null over a document of an older version or of none, whatever its position', async () => {
    const { collection, stored } = memoryCollection([
      { _id: 'old', events: 7, lastPosition: 9, projectionVersion: 1 },
      { _id: 'unversioned', events: 7, lastPosition: 9 } as Tally,
    ]);
    const events = [counted('old', 3), counted('unversioned', 4)];
    expect(await applyToProjection(tally(2), collection, registry, events)).toBe(2);
    expect(stored.get('old')).toEqual({
      _id: 'old',
      events: 1,
      lastPosition: 3,
      projectionVersion: 2,
      documentRevision: 1,
    });
    expect(stored.get('unversioned')).toEqual({
      _id: 'unversioned',
      events: 1,
      lastPosition: 4,
      projectionVersion: 2,
      documentRevision: 1,
    });
  });

  it('keeps the position guard for documents of its own version', async () => {
    const { collection, stored } = memoryCollection([
      { _id: 'c1', events: 2, lastPosition: 5, projectionVersion: 2 },
    ]);
    expect(
      await applyToProjection(tally(2), collection, registry, [counted('c1', 5), counted('c1', 4)]),
    ).toBe(0);
    expect(await applyToProjection(tally(2), collection, registry, [counted('c1', 6)])).toBe(1);
    expect(stored.get('c1')).toMatchObject({ events: 3, lastPosition: 6 });
  });

  it('leaves a document of a newer version alone', async () => {
    const newer = { _id: 'c1', events: 4, lastPosition: 2, projectionVersion: 3 };
    const { collection, stored } = memoryCollection([newer]);
    expect(await applyToProjection(tally(2), collection, registry, [counted('c1', 8)])).toBe(0);
    expect(stored.get('c1')).toBe(newer);
  });
});

describe('applyToProjection with another writer', () => {
  it('applies its events over what another writer stored since it read, instead of overwriting it', async () => {
    let raced = false;
    const { collection, stored } = memoryCollection(
      [{ _id: 'c1', events: 1, lastPosition: 1, projectionVersion: 1, documentRevision: 4 }],
      (map) => {
        // between this writer's read and its write, another batch folds the event at position 2
        if (raced) return;
        raced = true;
        map.set('c1', { _id: 'c1', events: 2, lastPosition: 2, projectionVersion: 1, documentRevision: 5 });
      },
    );
    expect(await applyToProjection(tally(1), collection, registry, [counted('c1', 3)])).toBe(1);
    expect(stored.get('c1')).toEqual({
      _id: 'c1',
      events: 3,
      lastPosition: 3,
      projectionVersion: 1,
      documentRevision: 6,
    });
  });

  it('gives up after ten lost writes in a row, for the delivery to be tried again', async () => {
    const { collection, stored } = memoryCollection([], (map) =>
      map.set('c1', {
        _id: 'c1',
        events: 0,
        lastPosition: 0,
        projectionVersion: 1,
        documentRevision: Math.random(),
      }),
    );
    await expect(applyToProjection(tally(1), collection, registry, [counted('c1', 3)])).rejects.toThrow(
      'tally: other writers kept changing c1; the delivery is tried again',
    );
    expect(stored.get('c1')).toMatchObject({ events: 0 });
  });
});

describe('applyToProjection with events about several documents', () => {
  const tags: Projection<Tally> = {
    ...tally(1),
    handles: ['Counted', 'Tagged'],
    documentId: (event) =>
      event.type === 'Tagged' ? (event.data as { ids: string[] }).ids : event.correlationId,
  };
  const tagged = (ids: string[], position: number) =>
    ({
      type: 'Tagged',
      schemaVersion: 1,
      correlationId: 'x',
      globalPosition: position,
      data: { ids },
    }) as RecordedEvent;
  const registry2 = new EventTypeRegistry([
    { type: 'Counted', schemaVersion: 1 },
    { type: 'Tagged', schemaVersion: 1 },
  ]);

  it('evolves every document the event names, each under its own id and guarded by its own position', async () => {
    const { collection, stored } = memoryCollection([
      { _id: 'a', events: 1, lastPosition: 1, projectionVersion: 1 },
      { _id: 'b', events: 1, lastPosition: 5, projectionVersion: 1 },
    ]);
    expect(await applyToProjection(tags, collection, registry2, [tagged(['a', 'b', 'c'], 3)])).toBe(2);
    expect(stored.get('a')).toEqual({
      _id: 'a',
      events: 2,
      lastPosition: 3,
      projectionVersion: 1,
      documentRevision: 1,
    });
    expect(stored.get('b')).toEqual({ _id: 'b', events: 1, lastPosition: 5, projectionVersion: 1 });
    expect(stored.get('c')).toEqual({
      _id: 'c',
      events: 1,
      lastPosition: 3,
      projectionVersion: 1,
      documentRevision: 1,
    });
    // redelivered, it changes nothing
    expect(await applyToProjection(tags, collection, registry2, [tagged(['a', 'b', 'c'], 3)])).toBe(0);
    expect(stored.get('a')).toMatchObject({ events: 2 });
  });
});

describe('applyToProjection with events out of order across streams', () => {
  type Trail = { _id: string; trail: string[] } & Projected;
  /** A document started by `Opened`, then noting each event's label, in the order folded. */
  const trails: Projection<Trail> = {
    name: 'trails',
    version: 1,
    collection: 'trails',
    topics: ['a', 'b'],
    handles: ['Opened', 'Noted'],
    documentId: (event) => event.correlationId,
    evolve: (doc, event) => {
      const label = (event.data as { label: string }).label;
      if (event.type === 'Opened') return { _id: event.correlationId, trail: [label] };
      return doc && { _id: doc._id, trail: [...doc.trail, label] };
    },
    history: (id, _current, store) => store.readByCorrelationId(id),
  };
  const registry3 = new EventTypeRegistry([
    { type: 'Opened', schemaVersion: 1 },
    { type: 'Noted', schemaVersion: 1 },
    { type: 'Other', schemaVersion: 1 },
  ]);
  const at = (type: string, position: number, label = `${type}@${position}`) =>
    ({
      eventId: `e${position}`,
      type,
      schemaVersion: 1,
      correlationId: 'c1',
      globalPosition: position,
      data: { label },
    }) as RecordedEvent;
  /** The stored log: Opened@1, Noted@2 (stream a), Noted@3 (stream b), Other@4, Noted@5 (stream a). */
  const log = [at('Opened', 1), at('Noted', 2), at('Noted', 3), at('Other', 4), at('Noted', 5)];
  const storeOf = (events: readonly RecordedEvent[]) => {
    const reads = { count: 0 };
    const store = {
      readByCorrelationId: async (id: string) => {
        reads.count++;
        return events.filter((e) => e.correlationId === id);
      },
    } as unknown as EventStore;
    return { store, reads };
  };
  function trailCollection(docs: Trail[] = []) {
    const { collection, stored } = memoryCollection(docs as unknown as Tally[]);
    return {
      collection: collection as unknown as Collection<Trail>,
      stored: stored as unknown as Map<string, Trail>,
    };
  }

  it('folds a late event in its place, from the store, rather than dropping it', async () => {
    const { collection, stored } = trailCollection();
    const { store } = storeOf(log);
    // stream b's Noted@3 arrives after stream a's Noted@5
    await applyToProjection(trails, collection, registry3, [log[0]!, log[1]!, log[4]!], store);
    expect(stored.get('c1')).toMatchObject({ trail: ['Opened@1', 'Noted@2', 'Noted@5'], lastPosition: 5 });
    expect(await applyToProjection(trails, collection, registry3, [log[2]!], store)).toBe(1);
    expect(stored.get('c1')).toEqual({
      _id: 'c1',
      trail: ['Opened@1', 'Noted@2', 'Noted@3', 'Noted@5'],
      lastPosition: 5,
      projectionVersion: 1,
      documentRevision: 2,
    });
  });

  it('builds a document from the store when an event about it comes before the one that starts it', async () => {
    const { collection, stored } = trailCollection();
    const { store } = storeOf(log);
    await applyToProjection(trails, collection, registry3, [log[2]!], store);
    expect(stored.get('c1')).toMatchObject({ trail: ['Opened@1', 'Noted@2', 'Noted@3', 'Noted@5'] });
    // the starting event, delivered after all, changes nothing
    await applyToProjection(trails, collection, registry3, [log[0]!, log[1]!, log[4]!], store);
    expect(stored.get('c1')?.trail).toEqual(['Opened@1', 'Noted@2', 'Noted@3', 'Noted@5']);
  });

  it('folds the delivered events too when the store has not indexed them yet', async () => {
    const { collection, stored } = trailCollection();
    const { store } = storeOf(log.slice(0, 2));
    await applyToProjection(trails, collection, registry3, [log[2]!], store);
    expect(stored.get('c1')).toMatchObject({ trail: ['Opened@1', 'Noted@2', 'Noted@3'], lastPosition: 3 });
  });

  it('is tried again when the store is behind what the document already holds', async () => {
    const { collection } = trailCollection([
      { _id: 'c1', trail: ['Opened@1', 'Noted@2', 'Noted@5'], lastPosition: 5, projectionVersion: 1 },
    ]);
    const { store } = storeOf(log.slice(0, 2));
    await expect(applyToProjection(trails, collection, registry3, [log[2]!], store)).rejects.toThrow(
      "the event store's history of c1 ends before position 5",
    );
  });

  it('skips a redelivery of the last event applied without reading the store, and keeps the guard without one', async () => {
    const held = {
      _id: 'c1',
      trail: ['Opened@1', 'Noted@2', 'Noted@5'],
      lastPosition: 5,
      projectionVersion: 1,
    };
    const { collection, stored } = trailCollection([held]);
    const { store, reads } = storeOf(log);
    expect(await applyToProjection(trails, collection, registry3, [log[4]!], store)).toBe(0);
    expect(reads.count).toBe(0);
    expect(await applyToProjection(trails, collection, registry3, [log[2]!])).toBe(0);
    expect(stored.get('c1')).toBe(held);
  });
});

describe('prepareProjection', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses the fold version %s', async (version) => {
    const unused = {} as EventStore;
    await expect(
      prepareProjection(tally(version), unused, { collection: jest.fn(), drop: jest.fn() }, registry),
    ).rejects.toThrow('projection tally: version must be a positive integer');
  });
});
