import type { KafkaMessage } from 'kafkajs';
import {
  decodeHeaders,
  decodeValue,
  fromKafkaRecord,
  isoTimestamp,
  MessageIdHeader,
  toKafkaRecord,
} from './message-codec';

/** A record as kafkajs hands it to `eachBatch`. */
const record = (overrides: Partial<KafkaMessage> = {}): KafkaMessage =>
  ({
    key: Buffer.from('complaint-1'),
    value: Buffer.from('{"a":[1,"x"],"b":null}'),
    timestamp: '1770091506000',
    attributes: 0,
    offset: '42',
    headers: { [MessageIdHeader]: Buffer.from('m1'), h: Buffer.from('v') },
    ...overrides,
  }) as KafkaMessage;

describe('toKafkaRecord', () => {
  it('keys the record, carries the id in a header and the value as JSON, stamped with the time', () => {
    const encoded = toKafkaRecord(
      { key: 'complaint-1', id: 'm1', value: { a: [1, 'x'] }, headers: { h: 'v' } },
      new Date('2026-02-03T04:05:06.000Z'),
    );
    expect(encoded).toEqual({
      key: 'complaint-1',
      value: '{"a":[1,"x"]}',
      headers: { h: 'v', [MessageIdHeader]: 'm1' },
      timestamp: String(Date.parse('2026-02-03T04:05:06.000Z')),
    });
  });

  it('writes an undefined value as null and lets the id win over a user header of the same name', () => {
    const encoded = toKafkaRecord(
      { key: 'k', id: 'real', value: undefined, headers: { [MessageIdHeader]: 'forged' } },
      new Date(0),
    );
    expect(encoded.value).toBe('null');
    expect(encoded.headers).toEqual({ [MessageIdHeader]: 'real' });
  });
});

describe('fromKafkaRecord', () => {
  it('maps a record back to the port message, the id taken out of the headers', () => {
    expect(fromKafkaRecord('complaints.intake.v1', 3, record())).toEqual({
      topic: 'complaints.intake.v1',
      partition: 3,
      offset: 42,
      key: 'complaint-1',
      id: 'm1',
      value: { a: [1, 'x'], b: null },
      headers: { h: 'v' },
      timestamp: '2026-02-03T04:05:06.000Z',
    });
  });

  it('round-trips what toKafkaRecord wrote', () => {
    const written = toKafkaRecord(
      { key: 'k', id: 'id-1', value: { n: 1 }, headers: { 'x-event-type': 'Registered' } },
      new Date('2026-01-01T00:00:00.000Z'),
    );
    const fetched = record({
      key: Buffer.from(written.key as string),
      value: Buffer.from(written.value as string),
      timestamp: written.timestamp!,
      headers: Object.fromEntries(
        Object.entries(written.headers!).map(([name, value]) => [name, Buffer.from(value as string)]),
      ),
    });
    expect(fromKafkaRecord('t', 0, fetched)).toMatchObject({
      key: 'k',
      id: 'id-1',
      value: { n: 1 },
      headers: { 'x-event-type': 'Registered' },
      timestamp: '2026-01-01T00:00:00.000Z',
    });
  });

  it('gives a record without an id header its position as id, and a null key the empty key', () => {
    const foreign = fromKafkaRecord('t', 1, record({ key: null, headers: {} }));
    expect(foreign.id).toBe('t/1/42');
    expect(foreign.key).toBe('');
  });

  it('reads offsets beyond 32 bits as numbers', () => {
    expect(fromKafkaRecord('t', 0, record({ offset: '4294967296' })).offset).toBe(4_294_967_296);
  });
});

describe('decodeHeaders', () => {
  it('turns buffers into strings, keeps the last of a repeated header and skips undefined values', () => {
    expect(
      decodeHeaders({
        a: Buffer.from('1'),
        b: 'plain',
        c: [Buffer.from('first'), Buffer.from('last')],
        d: undefined,
      }),
    ).toEqual({ a: '1', b: 'plain', c: 'last' });
    expect(decodeHeaders(undefined)).toEqual({});
  });
});

describe('decodeValue', () => {
  it('parses JSON, keeps a tombstone as null and text that is not JSON as text', () => {
    expect(decodeValue(Buffer.from('{"ok":true}'))).toEqual({ ok: true });
    expect(decodeValue(Buffer.from('"text"'))).toBe('text');
    expect(decodeValue(null)).toBeNull();
    expect(decodeValue(Buffer.from('not json'))).toBe('not json');
  });
});

describe('isoTimestamp', () => {
  it('formats epoch milliseconds as ISO-8601, and a missing timestamp as the epoch', () => {
    expect(isoTimestamp('1770091506123')).toBe('2026-02-03T04:05:06.123Z');
    expect(isoTimestamp('-1')).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTimestamp('garbage')).toBe('1970-01-01T00:00:00.000Z');
  });
});
