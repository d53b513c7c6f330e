import { caseEventTypes } from '@kesu/assignment-contracts';
import { classificationEventTypes } from '@kesu/classification-contracts';
import { followUpEventTypes } from '@kesu/follow-up-contracts';
import { intakeEventTypes } from '@kesu/intake-contracts';
import type { Actor } from '@kesu/kernel';
import { EventTypeRegistry } from '@kesu/kernel';
import { slaEventTypes } from '@kesu/sla-contracts';

/**
 * DI token of the event types the SLA service writes (clocks, settings) and reads of the complaints
 * it times (intake's, classification's, case work's and follow-up's, through their contracts).
 */
export const SLA_EVENTS = Symbol('SLA_EVENTS');

/** The other services' event types the SLA service reads. */
export const slaReadEventTypes = [
  ...intakeEventTypes,
  ...classificationEventTypes,
  ...caseEventTypes,
  ...followUpEventTypes,
];

/** Every event type the SLA service decodes. */
export const slaServiceEventTypes = new EventTypeRegistry([...slaEventTypes, ...slaReadEventTypes]);

export const slaEventsProvider = { provide: SLA_EVENTS, useValue: slaServiceEventTypes };

/** Who records the clocks' events on their own. */
export const SLA_ACTOR: Actor = { kind: 'service', id: 'sla' };
