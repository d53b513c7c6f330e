import type { Decider, DomainEvent } from '@kesu/kernel';
import { fold } from '@kesu/kernel';

type ErrorCheck = (error: unknown) => boolean;

/**
 * Given/when/then for deciders: given past events, when a command is decided, then these events
 * are produced (or this error is thrown).
 *
 *   DeciderSpecification.for(intakeDecider).given([]).when(register).then([received]);
 */
export const DeciderSpecification = {
  for<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
    return {
      given(events: readonly Event[]) {
        return {
          when(command: Command) {
            const run = () => decider.decide(command, fold(decider, events));
            return {
              then(expected: readonly Event[]): void {
                expect(run()).toEqual(expected);
              },
              thenMatches(check: (events: readonly Event[]) => void): void {
                check(run());
              },
              thenNothingHappens(): void {
                expect(run()).toEqual([]);
              },
              thenThrows<E extends Error>(
                errorType: new (...args: never[]) => E,
                check?: (error: E) => boolean,
              ): void {
                let thrown: unknown;
                try {
                  run();
                } catch (error) {
                  thrown = error;
                }
                expect(thrown).toBeInstanceOf(errorType);
                if (check) expect((check as ErrorCheck)(thrown)).toBe(true);
              },
            };
          },
        };
      },
    };
  },
};
