import { assignmentEventTypes } from '@kesu/assignment-contracts';
import { EventTypeRegistry } from '@kesu/kernel';

/** DI token of the event types dispatch writes and folds: every event of assignment's streams. */
export const DISPATCH_EVENTS = Symbol('DISPATCH_EVENTS');

export const dispatchEventsProvider = {
  provide: DISPATCH_EVENTS,
  useFactory: () => new EventTypeRegistry(assignmentEventTypes),
};

/** Who decides automatically: the actor of dispatch's own events. */
export const DISPATCH_ACTOR = { kind: 'service' as const, id: 'assignment.dispatch' };
