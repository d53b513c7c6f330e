import { directoryEventTypes } from '@kesu/assignment-contracts';
import { EventTypeRegistry } from '@kesu/kernel';

/** DI token of the event types of the tenants' directory streams (`assignment-directory-<tenant>`). */
export const DIRECTORY_EVENTS = Symbol('DIRECTORY_EVENTS');

export const directoryEventsProvider = {
  provide: DIRECTORY_EVENTS,
  useFactory: () => new EventTypeRegistry(directoryEventTypes),
};
