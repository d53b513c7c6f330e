import { MAX_RETRY_DELAY_MS, retryDelayMs, waitSlices } from './retry-schedule';

describe('retryDelayMs', () => {
  it('waits the base after the first failure and doubles after each further one, as the embedded log', () => {
    expect([1, 2, 3, 4].map((failed) => retryDelayMs(failed, 100))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3].map((failed) => retryDelayMs(failed, 5))).toEqual([5, 10, 20]);
  });

  it('never waits longer than a minute, nor less than nothing', () => {
    expect(retryDelayMs(30, 100)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1, 0)).toBe(0);
    expect(retryDelayMs(0, 100)).toBe(100);
  });
});

describe('waitSlices', () => {
  it('cuts a wait into slices no longer than the heartbeat interval', () => {
    expect(waitSlices(7_000, 3_000)).toEqual([3_000, 3_000, 1_000]);
    expect(waitSlices(800, 3_000)).toEqual([800]);
    expect(waitSlices(6_000, 3_000)).toEqual([3_000, 3_000]);
  });

  it('has no slice for no wait', () => {
    expect(waitSlices(0, 3_000)).toEqual([]);
    expect(waitSlices(-5, 3_000)).toEqual([]);
  });
});
