import { Inject, Injectable } from '@nestjs/common';
import { type BusinessCalendar, chinaMainlandCalendar, withOfficialYear } from '@kesu/calendar';
import {
  type SlaCalendarLoadedData,
  type SlaPolicyChangedData,
  slaSettingsEventTypes,
  slaSettingsStream,
} from '@kesu/sla-contracts';
import { EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';

const SLA_SETTINGS = new EventTypeRegistry(slaSettingsEventTypes);

/**
 * The tenant's business calendar from the SLA service's settings events (as its contracts publish
 * them): mainland China's by default, with the zone and working hours of the tenant's SLA policy and
 * every official year a tenant admin loaded — the calendar the SLA clocks count on too.
 */
export function tenantCalendarOf(events: readonly RecordedEvent[]): BusinessCalendar {
  let own: SlaPolicyChangedData['policy']['calendar'];
  const years: Record<number, SlaCalendarLoadedData['calendar']> = {};
  for (const event of events) {
    if (event.type === 'SlaPolicyChanged') own = (event.data as SlaPolicyChangedData).policy.calendar;
    if (event.type === 'SlaCalendarLoaded') {
      const { calendar } = event.data as SlaCalendarLoadedData;
      years[calendar.year] = calendar;
    }
  }
  const base = chinaMainlandCalendar();
  return Object.values(years).reduce(withOfficialYear, own ? { ...base, ...own } : base);
}

/** Reads a tenant's business calendar, which follow-up's working-day windows count on. */
@Injectable()
export class TenantCalendars {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(tenantId: string): Promise<BusinessCalendar> {
    const stored = await this.store.readStream(slaSettingsStream(tenantId));
    return tenantCalendarOf(
      stored.filter((e) => SLA_SETTINGS.has(e.type)).map((e) => SLA_SETTINGS.upcast(e)),
    );
  }
}
