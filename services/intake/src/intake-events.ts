import { intakeEventTypes } from '@kesu/intake-domain';
import { EventTypeRegistry } from '@kesu/kernel';

/** DI token of the event types intake reads and writes. */
export const INTAKE_EVENTS = Symbol('INTAKE_EVENTS');

export const intakeEventsProvider = {
  provide: INTAKE_EVENTS,
  useFactory: () => new EventTypeRegistry(intakeEventTypes),
};
