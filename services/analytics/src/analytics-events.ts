import { analyticsEventTypes } from '@kesu/analytics-contracts';
import { followUpEventTypes, followUpWorkEventTypes } from '@kesu/follow-up-contracts';
import { assignmentEventTypes } from '@kesu/assignment-contracts';
import { classificationEventTypes } from '@kesu/classification-contracts';
import { intakeEventTypes } from '@kesu/intake-contracts';
import { slaEventTypes } from '@kesu/sla-contracts';
import { EventTypeRegistry } from '@kesu/kernel';

/** DI token of the event types analytics reads: every service's published events. */
export const ANALYTICS_EVENTS = Symbol('ANALYTICS_EVENTS');

export const analyticsEventsProvider = {
  provide: ANALYTICS_EVENTS,
  useFactory: () =>
    new EventTypeRegistry([
      ...intakeEventTypes,
      ...classificationEventTypes,
      ...assignmentEventTypes,
      ...slaEventTypes,
      ...followUpEventTypes,
      ...followUpWorkEventTypes,
      ...analyticsEventTypes,
    ]),
};
