import { classificationEventTypes } from '@kesu/classification-domain';
import { intakeEventTypes } from '@kesu/intake-domain';
import { EventTypeRegistry } from '@kesu/kernel';

/** DI token of the event types analytics reads: every service's published events. */
export const ANALYTICS_EVENTS = Symbol('ANALYTICS_EVENTS');

export const analyticsEventsProvider = {
  provide: ANALYTICS_EVENTS,
  useFactory: () => new EventTypeRegistry([...intakeEventTypes, ...classificationEventTypes]),
};
