import type { Producer, ProducerRecord } from 'kafkajs';
import { PUBLISH_RETRY, publishRetry, RenewingProducer } from './renewing-producer';

/** A stand-in for a kafkajs producer: sends wait until the test settles them. */
class FakeProducer {
  readonly sends: Array<{ record: ProducerRecord; succeed: () => void; fail: (error: Error) => void }> = [];
  connected = false;
  disconnected = false;
  failConnect?: Error;

  constructor(readonly name: string) {}

  async connect(): Promise<void> {
    if (this.failConnect) throw this.failConnect;
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
  }

  send(record: ProducerRecord): Promise<void> {
    return new Promise((resolve, reject) =>
      this.sends.push({ record, succeed: () => resolve(), fail: (error) => reject(error) }),
    );
  }
}

const record = (topic = 't'): ProducerRecord => ({ topic, messages: [{ value: 'v' }] });

/** A renewing producer over fakes; the first `refusedConnects` new producers cannot connect. */
function renewing(refusedConnects = 0) {
  const first = new FakeProducer('first');
  const created: FakeProducer[] = [];
  const producer = new RenewingProducer(first as unknown as Producer, () => {
    const next = new FakeProducer(`new ${created.length + 1}`);
    if (created.length < refusedConnects) next.failConnect = new Error('connection refused');
    created.push(next);
    return next as unknown as Producer;
  });
  return { producer, first, created };
}

/** Lets queued callbacks run until `done()` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 50 && !done(); turn++) await Promise.resolve();
}

describe('RenewingProducer', () => {
  it('sends through the first producer while its sends succeed', async () => {
    const { producer, first, created } = renewing();
    const sending = producer.send(record());
    await until(() => first.sends.length === 1);
    first.sends[0]!.succeed();
    await sending;
    const again = producer.send(record());
    await until(() => first.sends.length === 2);
    first.sends[1]!.succeed();
    await again;
    expect(created).toHaveLength(0);
    expect(first.disconnected).toBe(false);
  });

  it('sends through a new producer, a new producer id, after a send failed', async () => {
    const { producer, first, created } = renewing();
    const failing = producer.send(record());
    await until(() => first.sends.length === 1);
    first.sends[0]!.fail(new Error('request timed out'));
    await expect(failing).rejects.toThrow('request timed out');
    expect(first.disconnected).toBe(true);
    const next = producer.send(record());
    await until(() => created[0]?.sends.length === 1);
    expect(created[0]!.connected).toBe(true);
    created[0]!.sends[0]!.succeed();
    await next;
    expect(first.sends).toHaveLength(1);
  });

  it('disconnects the failed producer only once its other sends in flight have settled', async () => {
    const { producer, first, created } = renewing();
    const failing = producer.send(record('a'));
    const other = producer.send(record('b'));
    await until(() => first.sends.length === 2);
    first.sends[0]!.fail(new Error('request timed out'));
    await expect(failing).rejects.toThrow();
    expect(first.disconnected).toBe(false);
    first.sends[1]!.succeed();
    await other;
    await until(() => first.disconnected);
    expect(first.disconnected).toBe(true);
    expect(created).toHaveLength(0);
  });

  it('makes one new producer for the sends that wait for it together', async () => {
    const { producer, first, created } = renewing();
    const failing = producer.send(record());
    await until(() => first.sends.length === 1);
    first.sends[0]!.fail(new Error('broker gone'));
    await expect(failing).rejects.toThrow();
    const nextSends = [producer.send(record()), producer.send(record())];
    await until(() => (created[0]?.sends.length ?? 0) === 2);
    expect(created).toHaveLength(1);
    for (const send of created[0]!.sends) send.succeed();
    await Promise.all(nextSends);
  });

  it('fails a send when the new producer cannot connect, and tries a new one for the next send', async () => {
    const { producer, first, created } = renewing(1);
    const failing = producer.send(record());
    await until(() => first.sends.length === 1);
    first.sends[0]!.fail(new Error('broker gone'));
    await expect(failing).rejects.toThrow('broker gone');
    await expect(producer.send(record())).rejects.toThrow('connection refused');
    expect(created[0]!.disconnected).toBe(true);
    const next = producer.send(record());
    await until(() => created[1]?.sends.length === 1);
    created[1]!.sends[0]!.succeed();
    await next;
    expect(created).toHaveLength(2);
  });

  it('refuses sends once disconnected, and disconnects every producer it holds', async () => {
    const { producer, first } = renewing();
    await producer.disconnect();
    expect(first.disconnected).toBe(true);
    await expect(producer.send(record())).rejects.toThrow('the message log is closed');
  });
});

describe('publishRetry', () => {
  it('retries a publication for about two minutes by default, not kafkajs 2.2.4’s five', () => {
    expect(publishRetry(undefined)).toEqual(PUBLISH_RETRY);
    let waited = 0;
    for (let retry = 0, wait = PUBLISH_RETRY.initialRetryTime; retry < PUBLISH_RETRY.retries; retry++) {
      waited += wait;
      wait = Math.min(wait * PUBLISH_RETRY.multiplier, PUBLISH_RETRY.maxRetryTime);
    }
    expect(waited).toBeGreaterThanOrEqual(110_000);
    expect(waited).toBeLessThanOrEqual(150_000);
  });

  it('takes the retries asked for, at least one', () => {
    expect(publishRetry(3).retries).toBe(3);
    expect(publishRetry(0).retries).toBe(1);
  });
});
