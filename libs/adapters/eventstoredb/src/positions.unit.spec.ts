import { START } from '@kurrent/kurrentdb-client';
import { comparePositions, globalPositionOf, readPositionAfter } from './positions';

describe('global positions', () => {
  it("are the event's prepare position", () => {
    expect(globalPositionOf({ commit: 900n, prepare: 700n })).toBe(700);
    expect(globalPositionOf({ commit: 1234n, prepare: 1234n }, 1234n)).toBe(1234);
  });

  it("fall back to the resolved event's commit position when the record has no position", () => {
    expect(globalPositionOf(undefined, 4096n)).toBe(4096);
    // Servers before 22.6 send 2^64 - 1 for "no position" on stream reads.
    expect(globalPositionOf({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }, 512n)).toBe(512);
  });

  it('are undefined when no usable position is known', () => {
    expect(globalPositionOf(undefined)).toBeUndefined();
    expect(globalPositionOf({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBeUndefined();
    expect(globalPositionOf(undefined, BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBeUndefined();
    expect(globalPositionOf({ commit: -1n, prepare: -1n })).toBeUndefined();
  });

  it('read from the start of the log for position 0, else from the event at the position', () => {
    expect(readPositionAfter(0)).toBe(START);
    expect(readPositionAfter(-5)).toBe(START);
    expect(readPositionAfter(8_589_934_592)).toEqual({ commit: 8_589_934_592n, prepare: 8_589_934_592n });
  });

  it('order by commit position, then by prepare position', () => {
    expect(comparePositions({ commit: 10n, prepare: 5n }, { commit: 20n, prepare: 1n })).toBe(-1);
    expect(comparePositions({ commit: 20n, prepare: 8n }, { commit: 20n, prepare: 6n })).toBe(1);
    expect(comparePositions({ commit: 20n, prepare: 6n }, { commit: 20n, prepare: 6n })).toBe(0);
  });
});
