import { intakeEventTypes, intakePrivacyEventTypes, intakeSettingsEventTypes } from '@kesu/intake-contracts';
import { EventTypeRegistry } from '@kesu/kernel';

/** DI token of the event types intake reads and writes: its complaints', its tenants' settings and data subjects' rights. */
export const INTAKE_EVENTS = Symbol('INTAKE_EVENTS');

export const intakeEventsProvider = {
  provide: INTAKE_EVENTS,
  useFactory: () =>
    new EventTypeRegistry([...intakeEventTypes, ...intakeSettingsEventTypes, ...intakePrivacyEventTypes]),
};
