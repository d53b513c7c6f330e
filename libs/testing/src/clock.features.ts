import { type Clock, ManualClock } from '@kesu/ports';

/** The clock contract: `now()` gives a fresh, valid instant that never goes backwards by itself. */
export function clockFeatures(name: string, factory: () => Clock): void {
  describe(`${name}: clock contract`, () => {
    it('gives a valid instant', () => {
      const now = factory().now();
      expect(now).toBeInstanceOf(Date);
      expect(Number.isNaN(now.getTime())).toBe(false);
    });

    it('is monotonic: successive readings never go backwards', () => {
      const clock = factory();
      let previous = clock.now().getTime();
      for (let i = 0; i < 1_000; i++) {
        const current = clock.now().getTime();
        expect(current).toBeGreaterThanOrEqual(previous);
        previous = current;
      }
    });

    it('hands out a new Date each time, so callers cannot move the clock', () => {
      const clock = factory();
      const first = clock.now();
      const before = first.getTime();
      first.setTime(0);
      expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    });
  });
}

/** The manual clock tests drive by hand: it starts where told, and moves only when set or advanced. */
export function manualClockFeatures(): void {
  describe('ManualClock', () => {
    it('starts at the given instant and stands still until moved', () => {
      const clock = new ManualClock('2026-03-01T08:00:00.000Z');
      expect(clock.now().toISOString()).toBe('2026-03-01T08:00:00.000Z');
      expect(clock.now().toISOString()).toBe('2026-03-01T08:00:00.000Z');
    });

    it('is set to an instant, given as a Date or an ISO string', () => {
      const clock = new ManualClock();
      clock.set('2026-04-02T10:15:00.000Z');
      expect(clock.now().toISOString()).toBe('2026-04-02T10:15:00.000Z');
      clock.set(new Date('2026-04-03T00:00:00.000Z'));
      expect(clock.now().toISOString()).toBe('2026-04-03T00:00:00.000Z');
    });

    it('advances by milliseconds', () => {
      const clock = new ManualClock('2026-03-01T08:00:00.000Z');
      clock.advance(90 * 60_000);
      clock.advance(1);
      expect(clock.now().toISOString()).toBe('2026-03-01T09:30:00.001Z');
    });
  });
}
