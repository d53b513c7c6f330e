import { assignmentEventTypes } from '@kesu/assignment-contracts';
import { followUpEventTypes } from '@kesu/follow-up-contracts';
import { type Actor, EventTypeRegistry } from '@kesu/kernel';

/**
 * DI token of the event types case work writes and reads: assignment's own (the case, the settings,
 * dispatch's stream of the complaint) and follow-up's (a reopened complaint).
 */
export const CASE_EVENTS = Symbol('CASE_EVENTS');

export const caseEventsProvider = {
  provide: CASE_EVENTS,
  useFactory: () => new EventTypeRegistry([...assignmentEventTypes, ...followUpEventTypes]),
};

/** Who records case events in reaction to other services' events. */
export const CASE_ACTOR: Actor = { kind: 'service', id: 'assignment.case' };
