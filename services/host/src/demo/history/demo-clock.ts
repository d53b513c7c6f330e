import type { Clock } from '@kesu/ports';

/**
 * The host's clock: the system's time, except while the demo history is written, when it runs at
 * an instant in the past that the history moves forward step by step until it returns to the
 * present. Every command and timer reads it through `CLOCK`, so what the history records carries
 * the instant it stands for.
 */
export class DemoClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly system: () => number = Date.now) {}

  now(): Date {
    return new Date(this.system() + this.offsetMs);
  }

  /** Whether the clock stands in the past. */
  get travelling(): boolean {
    return this.offsetMs !== 0;
  }

  /** Sets the clock back to `instant` in the past. */
  travelBackTo(instant: number): void {
    this.offsetMs = Math.min(0, instant - this.system());
  }

  /** Moves the clock on to `instant` (never back; never beyond the present). */
  advanceTo(instant: number): void {
    const real = this.system();
    if (instant > real + this.offsetMs) this.offsetMs = Math.min(0, instant - real);
  }

  /** The system's time again. */
  returnToPresent(): void {
    this.offsetMs = 0;
  }
}
