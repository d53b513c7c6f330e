import type { RecordedEvent } from './envelope';

/** The category of a `category-id` stream: the part before the first dash (EventStoreDB's `$ce-`). */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

/**
 * The stream category a service writes under: its name without dashes (`follow-up` →
 * `followup`, streams `followup-complaint-<id>`), since a category ends at the first dash.
 */
export function serviceStreamCategory(service: string): string {
  return service.replaceAll('-', '');
}

/** The topic an event is published to: one per stream category, e.g. `complaints.intake.v1`. */
export function topicFor(event: Pick<RecordedEvent, 'streamId'>): string {
  return topicForCategory(streamCategory(event.streamId));
}

export function topicForCategory(category: string): string {
  return `complaints.${category}.v1`;
}

/** Header names carried by every published event. */
export const EventHeaders = {
  type: 'x-event-type',
  schemaVersion: 'x-schema-version',
  correlationId: 'x-correlation-id',
  tenantId: 'x-tenant-id',
} as const;
