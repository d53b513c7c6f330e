import { PATCHED_KAFKAJS_VERSION, quietIdleRequestQueues } from './idle-request-queue';

/** kafkajs's own request queue, the class every broker connection of this process uses. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs exports no types for its internals
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => Queue;

interface Queue {
  pending: unknown[];
  throttleCheckTimeoutId: unknown;
  push(request: object): void;
  fulfillRequest(response: { correlationId: number; payload: unknown; size: number }): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
}

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function queue(maxInFlightRequests = 1): Queue {
  return new RequestQueue({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'kesu-unit',
    broker: 'broker:9092',
    logger: silent,
  });
}

/** A request as a connection pushes it, recording when it goes out on the socket. */
function request(correlationId: number, sent: number[]) {
  return {
    entry: {
      correlationId,
      apiKey: 3,
      apiName: 'Metadata',
      apiVersion: 6,
      resolve: () => {},
      reject: () => {},
    },
    expectResponse: true,
    sendRequest: () => void sent.push(correlationId),
  };
}

describe('quietIdleRequestQueues', () => {
  beforeAll(() => expect(quietIdleRequestQueues()).toEqual({ applied: true }));
  afterEach(() => jest.useRealTimers());

  it('schedules nothing once a response leaves nothing pending: no 1 ms loop, no negative timeout', () => {
    const timeouts = jest.spyOn(globalThis, 'setTimeout');
    const q = queue();
    const sent: number[] = [];
    q.push(request(1, sent));
    q.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    expect(sent).toEqual([1]);
    expect(q.throttleCheckTimeoutId).toBeNull();
    expect(timeouts).not.toHaveBeenCalled();
    timeouts.mockRestore();
  });

  it('still sends a request that waited for the one in flight when that one is answered', () => {
    const q = queue(1);
    const sent: number[] = [];
    q.push(request(1, sent));
    q.push(request(2, sent));
    expect(sent).toEqual([1]);
    q.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    expect(sent).toEqual([1, 2]);
    q.destroy();
  });

  it('still sends a request held back by a throttle once the throttle ends', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    const q = queue(10);
    const sent: number[] = [];
    q.maybeThrottle(50);
    q.push(request(1, sent));
    expect(sent).toEqual([]);
    expect(q.throttleCheckTimeoutId).not.toBeNull();
    await jest.advanceTimersByTimeAsync(60);
    expect(sent).toEqual([1]);
    q.destroy();
  });

  it('is applied once however often it is called', () => {
    const method = (RequestQueue as unknown as { prototype: Record<string, unknown> }).prototype
      .scheduleCheckPendingRequests;
    expect(quietIdleRequestQueues()).toEqual({ applied: true });
    expect(
      (RequestQueue as unknown as { prototype: Record<string, unknown> }).prototype
        .scheduleCheckPendingRequests,
    ).toBe(method);
  });

  it('leaves another kafkajs release alone, saying why', () => {
    const prototype = { scheduleCheckPendingRequests: function original() {} };
    const load = (id: string) => (id === 'kafkajs/package.json' ? { version: '2.3.0' } : { prototype });
    expect(quietIdleRequestQueues(load)).toEqual({
      applied: false,
      reason: `kafkajs 2.3.0 is not ${PATCHED_KAFKAJS_VERSION}, which was patched`,
    });
    expect(prototype.scheduleCheckPendingRequests.name).toBe('original');
  });

  it('leaves a request queue without the method alone', () => {
    const load = (id: string) => (id === 'kafkajs/package.json' ? { version: '2.2.4' } : { prototype: {} });
    expect(quietIdleRequestQueues(load)).toMatchObject({ applied: false });
  });
});
