import { classificationEventTypes, classificationSettingsEventTypes } from '@kesu/classification-contracts';
import { EventTypeRegistry } from '@kesu/kernel';

/** DI token of the event types classification writes. */
export const CLASSIFICATION_EVENTS = Symbol('CLASSIFICATION_EVENTS');

export const classificationEventsProvider = {
  provide: CLASSIFICATION_EVENTS,
  useFactory: () => new EventTypeRegistry([...classificationEventTypes, ...classificationSettingsEventTypes]),
};

/** Who decides automatically: the actor of the classifier's and the trainer's events. */
export const CLASSIFICATION_ACTOR = { kind: 'service' as const, id: 'classification' };
