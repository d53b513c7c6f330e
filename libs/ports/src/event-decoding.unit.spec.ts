import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { decodeEvent, decodeEvents } from './event-decoding';
import { isUndeliverable, type Message, UndeliverableMessageError } from './message-log';

const events = new EventTypeRegistry([
  {
    type: 'ComplaintReceived',
    schemaVersion: 2,
    upcasters: { 1: (data) => ({ ...(data as object), language: 'zh' }) },
  },
  { type: 'ComplaintAccepted', schemaVersion: 1 },
]);

const recorded = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  eventId: 'e-1',
  type: 'ComplaintReceived',
  schemaVersion: 2,
  streamId: 'intake-complaint-c1',
  revision: 0,
  globalPosition: 7,
  occurredAt: '2026-11-23T02:00:00.000Z',
  recordedAt: '2026-11-23T02:00:00.001Z',
  tenantId: 'demo',
  branchId: 'east-1',
  correlationId: 'c1',
  causationId: 'request-1',
  actor: { kind: 'user', id: 'agent1' },
  prevHash: '0',
  hash: '1',
  data: { complaintId: 'c1', description: '排队两个小时', language: 'en' },
  ...overrides,
});

const message = (value: unknown): Message => ({
  topic: 'complaints.intake.v1',
  partition: 0,
  offset: 3,
  key: 'c1',
  id: 'e-1',
  value,
  headers: {},
  timestamp: '2026-11-23T02:00:00.002Z',
});

/** The reason `decodeEvent` gives for an undeliverable value. */
function reasonFor(value: unknown): string {
  try {
    decodeEvent(message(value), events);
  } catch (error) {
    expect(error).toBeInstanceOf(UndeliverableMessageError);
    expect(isUndeliverable(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('decoded');
}

describe('decodeEvent', () => {
  it('answers an event of the current version as it is', () => {
    const event = recorded();
    expect(decodeEvent(message(event), events)).toBe(event);
  });

  it('upcasts an older version to the current one', () => {
    const event = recorded({ schemaVersion: 1, data: { complaintId: 'c1' } });
    expect(decodeEvent(message(event), events)).toEqual({
      ...event,
      schemaVersion: 2,
      data: { complaintId: 'c1', language: 'zh' },
    });
  });

  it('skips a type the registry does not hold', () => {
    expect(decodeEvent(message(recorded({ type: 'ComplaintClassified', schemaVersion: 9 })), events)).toBe(
      null,
    );
  });

  it('calls a version newer than the registry knows undeliverable, naming both', () => {
    expect(reasonFor(recorded({ type: 'ComplaintAccepted', schemaVersion: 2 }))).toBe(
      'ComplaintAccepted v2 is newer than this consumer knows (v1)',
    );
    expect(reasonFor(recorded({ schemaVersion: 3 }))).toBe(
      'ComplaintReceived v3 is newer than this consumer knows (v2)',
    );
  });

  it('calls a value that is not a recorded event undeliverable, saying what is wrong without its data', () => {
    expect(reasonFor('ComplaintReceived')).toBe('not a recorded event: the value is a string, not an object');
    expect(reasonFor(null)).toBe('not a recorded event: the value is null, not an object');
    expect(reasonFor([recorded()])).toBe('not a recorded event: the value is an array, not an object');
    const { data: _data, eventId: _eventId, ...partial } = recorded();
    expect(reasonFor({ ...partial, tenantId: 42, revision: -1, schemaVersion: 0 })).toBe(
      'not a recorded event: eventId is missing, not a string; tenantId is 42, not a string; ' +
        'schemaVersion is 0, not an integer ≥ 1; revision is -1, not an integer ≥ 0; data is missing',
    );
    expect(reasonFor({ ...recorded(), globalPosition: '7', streamId: { secret: '13800138000' } })).toBe(
      'not a recorded event: streamId is an object, not a string; globalPosition is a string, not an integer ≥ 0',
    );
  });
});

describe('decodeEvents', () => {
  it('decodes a batch, leaving out the types the registry does not hold', () => {
    const accepted = recorded({ eventId: 'e-2', type: 'ComplaintAccepted', schemaVersion: 1 });
    const other = recorded({ eventId: 'e-3', type: 'SlaStarted', schemaVersion: 1 });
    expect(decodeEvents([message(other), message(accepted)], events)).toEqual([accepted]);
    expect(() => decodeEvents([message(accepted), message({})], events)).toThrow(UndeliverableMessageError);
  });
});
