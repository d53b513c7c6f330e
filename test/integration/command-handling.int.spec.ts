import { createEmbeddedStorage, type EmbeddedStorage } from '@kesu/adapter-embedded';
import { type Decider, DomainRuleViolation, EventTypeRegistry } from '@kesu/kernel';
import {
  type CommandMetadata,
  handleCommand,
  StaleRevisionError,
  WrongExpectedRevisionError,
} from '@kesu/ports';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Noted = { type: 'NoteAdded'; data: { text: string } };
type AddNote = { text: string; limit: number };
const notes: Decider<AddNote, Noted, { count: number }> = {
  decide: (command, state) => {
    if (state.count >= command.limit) throw new DomainRuleViolation('notes.full', 'no more notes');
    return [{ type: 'NoteAdded', data: { text: command.text } }];
  },
  evolve: (state) => ({ count: state.count + 1 }),
  initialState: () => ({ count: 0 }),
};
const registry = new EventTypeRegistry([{ type: 'NoteAdded', schemaVersion: 1 }]);

const meta = (causationId: string): CommandMetadata => ({
  occurredAt: '2026-11-23T02:00:00.000Z',
  tenantId: 'demo',
  branchId: 'east-1',
  correlationId: 'c-1',
  causationId,
  actor: { kind: 'user', id: 'handler1' },
});

describe('command handling on the embedded event store', () => {
  let storage: EmbeddedStorage;

  beforeEach(() => {
    storage = createEmbeddedStorage({ dataDir: mkdtempSync(join(tmpdir(), 'kesu-cmd-')) });
  });
  afterEach(() => storage.close());

  it('retries a conflicting command on the new state until the rule stops it', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        handleCommand(
          storage.eventStore,
          registry,
          notes,
          'notes-c-1',
          { text: `n${i}`, limit: 3 },
          meta(`r${i}`),
          {
            maxAttempts: 10,
          },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(2);
    for (const r of rejected) expect(r.reason).toBeInstanceOf(DomainRuleViolation);
    expect(await storage.eventStore.readStream('notes-c-1')).toHaveLength(3);
  });

  it('lets one of two writers at the same revision win and reports the conflict to the other', async () => {
    await handleCommand(
      storage.eventStore,
      registry,
      notes,
      'notes-c-1',
      { text: 'a', limit: 9 },
      meta('r0'),
    );
    const results = await Promise.allSettled(
      ['r1', 'r2'].map((id) =>
        handleCommand(storage.eventStore, registry, notes, 'notes-c-1', { text: id, limit: 9 }, meta(id), {
          expectedRevision: 0,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(rejected.reason).toBeInstanceOf(StaleRevisionError);
    expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(await storage.eventStore.readStream('notes-c-1')).toHaveLength(2);
  });

  it('answers a repeated command from the stored events instead of appending again', async () => {
    const first = await handleCommand(
      storage.eventStore,
      registry,
      notes,
      'notes-c-1',
      { text: 'a', limit: 9 },
      meta('r1'),
    );
    const again = await handleCommand(
      storage.eventStore,
      registry,
      notes,
      'notes-c-1',
      { text: 'a', limit: 9 },
      meta('r1'),
    );
    expect(again.replayed).toBe(true);
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await storage.eventStore.readStream('notes-c-1')).toHaveLength(1);
  });
});
