import {
  escalationEventTypes,
  escalationPolicyEventTypes,
  incidentPlanEventTypes,
} from '@kesu/assignment-contracts';
import { classificationEventTypes } from '@kesu/classification-contracts';
import { followUpEventTypes } from '@kesu/follow-up-contracts';
import { intakeEventTypes } from '@kesu/intake-contracts';
import type { Actor } from '@kesu/kernel';
import { EventTypeRegistry } from '@kesu/kernel';

/**
 * DI token of the event types escalation and the incident plans write (escalations, plans, the
 * escalation policy) and read of the complaints they concern (intake's, classification's and
 * follow-up's streams of a complaint, through those services' contracts).
 */
export const ESCALATION_EVENTS = Symbol('ESCALATION_EVENTS');

export const escalationEventsProvider = {
  provide: ESCALATION_EVENTS,
  useFactory: () =>
    new EventTypeRegistry([
      ...escalationEventTypes,
      ...incidentPlanEventTypes,
      ...escalationPolicyEventTypes,
      ...intakeEventTypes,
      ...classificationEventTypes,
      ...followUpEventTypes,
    ]),
};

/** Who escalates and runs plans on their own: the actor of automatic reactions. */
export const ESCALATION_ACTOR: Actor = { kind: 'service', id: 'assignment' };
