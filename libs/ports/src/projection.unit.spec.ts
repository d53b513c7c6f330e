import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import type { Collection } from './document-store';
import type { EventStore } from './event-store';
import { applyToProjection, prepareProjection, type Projected, type Projection } from './projection';

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

/** The part of a collection `applyToProjection` uses, in a map. */
function memoryCollection(docs: Tally[] = []) {
  const stored = new Map(docs.map((doc) => [doc._id, doc]));
  const collection = {
    getMany: async (ids: readonly string[]) => ids.flatMap((id) => stored.get(id) ?? []),
    putMany: async (written: readonly Tally[]) => written.forEach((doc) => stored.set(doc._id, doc)),
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
    expect(stored.get('c1')).toEqual({ _id: 'c1', events: 2, lastPosition: 2, projectionVersion: 2 });
  });

  it('folds from null over a document of an older version or of none, whatever its position', async () => {
    const { collection, stored } = memoryCollection([
      { _id: 'old', events: 7, lastPosition: 9, projectionVersion: 1 },
      { _id: 'unversioned', events: 7, lastPosition: 9 } as Tally,
    ]);
    const events = [counted('old', 3), counted('unversioned', 4)];
    expect(await applyToProjection(tally(2), collection, registry, events)).toBe(2);
    expect(stored.get('old')).toEqual({ _id: 'old', events: 1, lastPosition: 3, projectionVersion: 2 });
    expect(stored.get('unversioned')).toEqual({
      _id: 'unversioned',
      events: 1,
      lastPosition: 4,
      projectionVersion: 2,
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

describe('prepareProjection', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses the fold version %s', async (version) => {
    const unused = {} as EventStore;
    await expect(
      prepareProjection(tally(version), unused, { collection: jest.fn() }, registry),
    ).rejects.toThrow('projection tally: version must be a positive integer');
  });
});
