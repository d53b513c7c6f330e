import { GENESIS_HASH, sealEvents, verifyChains, type SealedEvent } from '@kesu/kernel';
import { aNewEvent } from '@kesu/testing';
import {
  envelopeFrom,
  recordedFrom,
  serverEventId,
  toEventData,
  type StoredRecord,
} from './envelope-metadata';

const sealed = (...events: ReturnType<typeof aNewEvent>[]) =>
  sealEvents('order-1', -1, GENESIS_HASH, events, '2026-02-01T12:00:00.000Z');

/** What the server hands back for an appended event: the JSON text of data and metadata, parsed again. */
function stored(event: SealedEvent, position: bigint): StoredRecord {
  const data = toEventData(event);
  return {
    streamId: event.streamId,
    type: data.type,
    revision: BigInt(event.revision),
    isJson: data.contentType === 'application/json',
    data: JSON.parse(JSON.stringify(data.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(data.metadata)) as unknown,
    position: { commit: position, prepare: position },
  };
}

describe('the envelope in event metadata', () => {
  const [opened, noted] = sealed(
    aNewEvent('Opened', { subject: 'late delivery', count: 3, tags: ['a'], nested: { x: null } }),
    aNewEvent('Noted', 'plain text'),
  );

  it('round-trips a sealed event to the recorded event it was appended as', () => {
    const read = [recordedFrom(stored(opened!, 1024n)), recordedFrom(stored(noted!, 1311n))];
    expect(read).toEqual([
      { ...opened, globalPosition: 1024 },
      { ...noted, globalPosition: 1311 },
    ]);
    expect(verifyChains(read.map((e) => e!))).toEqual({ valid: true, eventsChecked: 2 });
  });

  it("carries correlation and causation under the server's names, for the by-correlation-id projection", () => {
    const metadata = toEventData(opened!).metadata as Record<string, unknown>;
    expect(metadata['$correlationId']).toBe(opened!.correlationId);
    expect(metadata['$causationId']).toBe(opened!.causationId);
    expect(metadata).not.toHaveProperty('data');
    expect(toEventData(opened!).data).toEqual(opened!.data);
  });

  it('appends under the event id, which the server needs as a UUID', () => {
    expect(toEventData(opened!).id).toBe(opened!.eventId);
    expect(serverEventId('A0E1B2C3-D4E5-4F60-8172-839405A6B7C8')).toBe(
      'a0e1b2c3-d4e5-4f60-8172-839405a6b7c8',
    );
    const derived = serverEventId('order-1:opened');
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(serverEventId('order-1:opened')).toBe(derived);
    expect(serverEventId('order-1:noted')).not.toBe(derived);
  });

  it('keeps the original event id when it was not a UUID', () => {
    const [event] = sealed(aNewEvent('Opened', {}, { eventId: 'order-1:opened' }));
    expect(recordedFrom(stored(event!, 64n))!.eventId).toBe('order-1:opened');
  });

  it('recognises events written by others as not part of the store', () => {
    const record = stored(opened!, 1024n);
    expect(recordedFrom({ ...record, metadata: undefined })).toBeUndefined();
    expect(recordedFrom({ ...record, metadata: { $correlationId: 'x' } })).toBeUndefined();
    expect(recordedFrom({ ...record, isJson: false })).toBeUndefined();
    const metadata = record.metadata as Record<string, unknown>;
    expect(envelopeFrom({ ...metadata, actor: { kind: 'robot', id: 'r' } })).toBeUndefined();
    expect(envelopeFrom({ ...metadata, schemaVersion: '1' })).toBeUndefined();
    expect(envelopeFrom(metadata)).toBeDefined();
  });

  it('fails clearly when the server reports no position for an event', () => {
    const noPosition = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(() => recordedFrom({ ...stored(opened!, 0n), position: noPosition })).toThrow(
      /no log position for event 0 of stream order-1/,
    );
  });

  it('refuses an event without JSON data', () => {
    expect(() => toEventData({ ...opened!, data: undefined })).toThrow(/no JSON data/);
  });
});
