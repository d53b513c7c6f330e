import { EVENT_TYPE, STREAM_NAME } from '@kurrent/kurrentdb-client';
import { escapeRegex, isInLog, serverFilterFor } from './all-filter';

/** What the server would do with a regex filter (.NET and JavaScript agree on these constructs). */
const serverMatches = (regex: string, text: string) => new RegExp(regex).test(text);

describe('the server-side filter of $all', () => {
  it('filters by stream prefixes when there are any, leaving event types to the client', () => {
    const filter = serverFilterFor({ streamPrefixes: ['order-', 'sla'], eventTypes: ['Opened'] }, 'cp');
    expect(filter).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['order-', 'sla'] });
    expect(filter.checkpointInterval).toBeGreaterThan(0);
  });

  it('filters event types by an exact-match regex when there are no prefixes', () => {
    const filter = serverFilterFor({ streamPrefixes: [], eventTypes: ['Opened', 'Note.Added+'] }, 'cp');
    expect(filter).toMatchObject({ filterOn: EVENT_TYPE });
    const regex = (filter as { regex: string }).regex;
    expect(serverMatches(regex, 'Opened')).toBe(true);
    expect(serverMatches(regex, 'Note.Added+')).toBe(true);
    expect(serverMatches(regex, 'Opened2')).toBe(false);
    expect(serverMatches(regex, 'NoteXAdded')).toBe(false);
    expect(serverMatches(regex, 'ReOpened')).toBe(false);
  });

  it('keeps out system streams and the checkpoint streams without a filter', () => {
    const filter = serverFilterFor(undefined, 'kesu-checkpoint');
    expect(filter).toMatchObject({ filterOn: STREAM_NAME });
    const regex = (filter as { regex: string }).regex;
    expect(serverMatches(regex, 'order-1')).toBe(true);
    expect(serverMatches(regex, 'kesu-checkpointer-1')).toBe(true);
    expect(serverMatches(regex, '$ce-order')).toBe(false);
    expect(serverMatches(regex, '$$order-1')).toBe(false);
    expect(serverMatches(regex, 'kesu-checkpoint-projector')).toBe(false);
  });

  it('escapes regex syntax so names match literally', () => {
    expect(escapeRegex('a.b*c$(d)[e]{f}|g?h+i^j\\k')).toBe(
      'a\\.b\\*c\\$\\(d\\)\\[e\\]\\{f\\}\\|g\\?h\\+i\\^j\\\\k',
    );
    expect(new RegExp(`^${escapeRegex('a.b')}$`).test('axb')).toBe(false);
  });
});

describe('the exact rule of which $all events are in the log', () => {
  const cp = 'kesu-checkpoint';

  it('excludes system streams, system event types and checkpoint streams', () => {
    expect(isInLog({ streamId: 'order-1', type: 'Opened' }, undefined, cp)).toBe(true);
    expect(isInLog({ streamId: '$ce-order', type: '$>' }, undefined, cp)).toBe(false);
    expect(isInLog({ streamId: '$projections-x-result', type: 'Result' }, undefined, cp)).toBe(false);
    expect(isInLog({ streamId: 'order-1', type: '$streamDeleted' }, undefined, cp)).toBe(false);
    expect(isInLog({ streamId: 'kesu-checkpoint-projector', type: 'Checkpoint' }, undefined, cp)).toBe(false);
  });

  it('matches stream prefixes literally and event types exactly, both when both are given', () => {
    const filter = { streamPrefixes: ['ord.'], eventTypes: ['Opened'] };
    expect(isInLog({ streamId: 'ord.-1', type: 'Opened' }, filter, cp)).toBe(true);
    expect(isInLog({ streamId: 'ordX-1', type: 'Opened' }, filter, cp)).toBe(false);
    expect(isInLog({ streamId: 'ord.-1', type: 'Opened2' }, filter, cp)).toBe(false);
    expect(isInLog({ streamId: 'sla-1', type: 'Opened' }, { eventTypes: ['Opened'] }, cp)).toBe(true);
    expect(isInLog({ streamId: 'sla-1', type: 'Noted' }, { streamPrefixes: [], eventTypes: [] }, cp)).toBe(
      true,
    );
  });

  it('keeps checkpoint streams out even when a prefix filter would match them', () => {
    expect(isInLog({ streamId: 'kesu-checkpoint-a', type: 'X' }, { streamPrefixes: ['kesu'] }, cp)).toBe(
      false,
    );
  });
});
