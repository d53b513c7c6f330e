import {
  followUpEventTypes,
  followUpSettingsEventTypes,
  followUpWorkEventTypes,
} from '@kesu/follow-up-contracts';
import { EventTypeRegistry } from '@kesu/kernel';

/** DI token of the event types follow-up reads and writes: its complaints' and its tenants' settings. */
export const FOLLOW_UP_EVENTS = Symbol('FOLLOW_UP_EVENTS');

export const followUpEventsProvider = {
  provide: FOLLOW_UP_EVENTS,
  useFactory: () =>
    new EventTypeRegistry([...followUpEventTypes, ...followUpWorkEventTypes, ...followUpSettingsEventTypes]),
};
