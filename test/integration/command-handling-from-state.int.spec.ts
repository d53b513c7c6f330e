import { createEmbeddedStorage, type EmbeddedStorage } from '@kesu/adapter-embedded';
import { type Decider, EventTypeRegistry } from '@kesu/kernel';
import {
  type CommandMetadata,
  handleCommand,
  type KnownState,
  WrongExpectedRevisionError,
} from '@kesu/ports';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * handleCommand from a state the caller holds (a read model's document): no read when nothing
 * conflicts, only the newer events on a conflict, and caller-made event ids and causations.
 */

type Noted = { type: 'NoteAdded'; data: { text: string } };
type AddNotes = { texts: readonly string[] };
type Notes = { texts: readonly string[] };
const notes: Decider<AddNotes, Noted, Notes> = {
  decide: (command, state) =>
    command.texts
      .filter((text, i) => !state.texts.includes(text) && command.texts.indexOf(text) === i)
      .map((text) => ({ type: 'NoteAdded', data: { text } })),
  evolve: (state, event) => ({ texts: [...state.texts, event.data.text] }),
  initialState: () => ({ texts: [] }),
};
const registry = new EventTypeRegistry([{ type: 'NoteAdded', schemaVersion: 1 }]);
const STREAM = 'notes-c-1';

const meta: CommandMetadata = {
  occurredAt: '2026-11-23T02:00:00.000Z',
  tenantId: 'demo',
  branchId: 'east-1',
  correlationId: 'c-1',
  causationId: 'cause-0',
  actor: { kind: 'service', id: 'notes' },
};
/** Each note's id derived from its text, its cause from it too. */
const envelopeOf = (event: Noted) => ({
  eventId: `note-${event.data.text}`,
  causationId: `cause-${event.data.text}`,
});

describe('command handling from a known state', () => {
  let storage: EmbeddedStorage;
  const add = (texts: string[], from?: KnownState<Notes>, maxAttempts = 3) =>
    handleCommand(storage.eventStore, registry, notes, STREAM, { texts }, meta, {
      ...(from && { from }),
      maxAttempts,
      envelopeOf,
    });

  beforeEach(() => {
    storage = createEmbeddedStorage({ dataDir: mkdtempSync(join(tmpdir(), 'kesu-cmd-from-')) });
  });
  afterEach(() => storage.close());

  it('creates a stream from no state without reading it, and refuses when it exists already', async () => {
    const reads = jest.spyOn(storage.eventStore, 'readStream');
    const first = await add(['a'], { state: { texts: [] }, revision: -1 }, 1);
    expect(first).toMatchObject({ state: { texts: ['a'] }, revision: 0, replayed: false });
    expect(first.position).toBe(first.events[0]!.globalPosition);
    expect(reads).not.toHaveBeenCalled();
    await expect(add(['b'], { state: { texts: [] }, revision: -1 }, 1)).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });

  it('appends at the known revision with the caller’s event ids and causations, reading nothing', async () => {
    const created = await add(['a']);
    const reads = jest.spyOn(storage.eventStore, 'readStream');
    const result = await add(['b', 'c', 'b'], created);
    expect(reads).not.toHaveBeenCalled();
    expect(result).toMatchObject({ state: { texts: ['a', 'b', 'c'] }, revision: 2, replayed: false });
    expect(result.events.map((e) => [e.eventId, e.causationId])).toEqual([
      ['note-b', 'cause-b'],
      ['note-c', 'cause-c'],
    ]);
  });

  it('on a conflict reads only the events after the known revision, and decides again', async () => {
    const created = await add(['a']);
    await add(['b'], created);
    const reads = jest.spyOn(storage.eventStore, 'readStream');
    const result = await add(['b', 'c'], created);
    expect(reads.mock.calls).toEqual([[STREAM, { fromRevision: 1 }]]);
    expect(result).toMatchObject({ state: { texts: ['a', 'b', 'c'] }, revision: 2 });
    expect(result.events.map((e) => e.eventId)).toEqual(['note-c']);
    expect(await storage.eventStore.readStream(STREAM)).toHaveLength(3);
  });

  it('finds events stored before under the same ids: nothing appended, the state caught up', async () => {
    const created = await add(['a']);
    const later = await add(['c'], created);
    await add(['b'], later);
    // decided on a state that does not show b: b's id is the stream's already
    const again = await add(['b'], created);
    expect(again).toMatchObject({ state: { texts: ['a', 'c', 'b'] }, revision: 2, replayed: true });
    expect(again.events.map((e) => [e.eventId, e.revision])).toEqual([['note-b', 2]]);
    expect(await storage.eventStore.readStream(STREAM)).toHaveLength(3);
  });

  it('folds what the store holds when the events found stored follow the known revision', async () => {
    const created = await add(['a']);
    await add(['b'], created);
    const again = await handleCommand(storage.eventStore, registry, notes, STREAM, { texts: ['x'] }, meta, {
      from: created,
      // decided as x under b's id: the stored event, b, is what the state folds
      envelopeOf: () => ({ eventId: 'note-b' }),
    });
    expect(again).toMatchObject({ state: { texts: ['a', 'b'] }, revision: 1 });
    expect(await storage.eventStore.readStream(STREAM)).toHaveLength(2);
  });

  it('gives up after its attempts, each conflict caught up from the last', async () => {
    const created = await add(['a']);
    await add(['b'], created);
    await expect(add(['c'], created, 1)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await storage.eventStore.readStream(STREAM)).toHaveLength(2);
  });
});
