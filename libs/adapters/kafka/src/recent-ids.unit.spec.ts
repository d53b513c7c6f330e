import { RecentIds } from './recent-ids';

type Sent = { id: string; key: string };
const messages = (...ids: string[]): Sent[] => ids.map((id) => ({ id, key: 'k' }));
const ids = (list: readonly { id: string }[]) => list.map((m) => m.id);

/** A send that records each call's ids and succeeds at once. */
function recordingSend() {
  const calls: string[][] = [];
  const send = async (fresh: Sent[]) => void calls.push(ids(fresh));
  return { calls, send };
}

/** A send that waits until the test settles it, recording each call's ids. */
function heldSend() {
  const calls: Array<{ ids: string[]; succeed: () => void; fail: (error: Error) => void }> = [];
  const send = (fresh: Sent[]) =>
    new Promise<void>((resolve, reject) => calls.push({ ids: ids(fresh), succeed: resolve, fail: reject }));
  return { calls, send };
}

/** Whether the promise settled by the time queued callbacks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
  return settled;
}

/** Lets queued callbacks run until the held send was called `count` times. */
async function untilCalled(calls: readonly unknown[], count: number): Promise<void> {
  for (let turn = 0; turn < 20 && calls.length < count; turn++) await Promise.resolve();
}

describe('RecentIds', () => {
  it('sends new ids and drops ids published before, and repeats within one publication', async () => {
    const recent = new RecentIds(10);
    const { calls, send } = recordingSend();
    await recent.publish('t', messages('1', '2'), send);
    await recent.publish('t', messages('1', '3', '3'), send);
    await recent.publish('t', messages('2', '4'), send);
    await recent.publish('t', messages('1', '4'), send);
    expect(calls).toEqual([['1', '2'], ['3'], ['4']]);
    expect(recent.size).toBe(4);
  });

  it('keeps ids per topic: the same id on another topic is another message', async () => {
    const recent = new RecentIds(10);
    const { calls, send } = recordingSend();
    await recent.publish('a', messages('1'), send);
    await recent.publish('b', messages('1'), send);
    expect(calls).toEqual([['1'], ['1']]);
    expect(recent.has('a', '1') && recent.has('b', '1')).toBe(true);
  });

  it('forgets the least recently seen id beyond its capacity', async () => {
    const recent = new RecentIds(3);
    const { calls, send } = recordingSend();
    await recent.publish('t', messages('1', '2', '3'), send);
    await recent.publish('t', messages('1'), send);
    await recent.publish('t', messages('4'), send);
    expect(recent.size).toBe(3);
    expect(recent.has('t', '2')).toBe(false);
    expect(['1', '3', '4'].every((id) => recent.has('t', id))).toBe(true);
    await recent.publish('t', messages('2'), send);
    expect(calls.at(-1)).toEqual(['2']);
  });

  it('stays within its capacity when one publication holds more ids than it', async () => {
    const recent = new RecentIds(2);
    const { calls, send } = recordingSend();
    await recent.publish('t', messages('1', '2', '3', '4'), send);
    expect(calls).toEqual([['1', '2', '3', '4']]);
    expect(recent.size).toBe(2);
    expect(recent.has('t', '4')).toBe(true);
  });

  it('forgets the ids of a failed send, so that a retry publishes them', async () => {
    const recent = new RecentIds(10);
    await expect(
      recent.publish('t', messages('1', '2'), async () => {
        throw new Error('broker down');
      }),
    ).rejects.toThrow('broker down');
    expect(recent.size).toBe(0);
    const { calls, send } = recordingSend();
    await recent.publish('t', messages('1', '2'), send);
    expect(calls).toEqual([['1', '2']]);
  });

  it('resolves a repeat only once the first publication of its id is durable', async () => {
    const recent = new RecentIds(10);
    const { calls, send } = heldSend();
    const first = recent.publish('t', messages('1'), send);
    const repeat = recent.publish('t', messages('1'), send);
    expect(await isSettled(repeat)).toBe(false);
    expect(calls.map((call) => call.ids)).toEqual([['1']]);
    calls[0]!.succeed();
    await Promise.all([first, repeat]);
    expect(calls).toHaveLength(1);
  });

  it('publishes a repeat itself when the first publication of its id failed', async () => {
    const recent = new RecentIds(10);
    const { calls, send } = heldSend();
    const first = recent.publish('t', messages('1', '2'), send);
    const repeat = recent.publish('t', messages('2', '3'), send);
    expect(calls.map((call) => call.ids)).toEqual([['1', '2'], ['3']]);
    calls[1]!.succeed();
    expect(await isSettled(repeat)).toBe(false);
    calls[0]!.fail(new Error('broker down'));
    await expect(first).rejects.toThrow('broker down');
    await untilCalled(calls, 3);
    expect(calls.map((call) => call.ids)).toEqual([['1', '2'], ['3'], ['2']]);
    expect(await isSettled(repeat)).toBe(false);
    calls[2]!.succeed();
    await repeat;
    expect(recent.has('t', '1')).toBe(false);
    expect(recent.has('t', '2') && recent.has('t', '3')).toBe(true);
  });

  it('fails a repeat whose own publication, after the first failed, fails too', async () => {
    const recent = new RecentIds(10);
    const { calls, send } = heldSend();
    const first = recent.publish('t', messages('1'), send);
    const repeat = recent.publish('t', messages('1'), send);
    calls[0]!.fail(new Error('broker down'));
    await expect(first).rejects.toThrow('broker down');
    await untilCalled(calls, 2);
    calls[1]!.fail(new Error('still down'));
    await expect(repeat).rejects.toThrow('still down');
    expect(recent.size).toBe(0);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RecentIds(0)).toThrow(/capacity/);
    expect(() => new RecentIds(1.5)).toThrow(/capacity/);
  });
});
