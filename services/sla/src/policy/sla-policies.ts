import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendar } from '@kesu/calendar';
import { type EventTypeRegistry, fold } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import type { Clock, EventStore } from '@kesu/ports';
import {
  type SlaCalendarYear,
  type SlaPolicy,
  type SlaSettingsEvent,
  slaSettingsStream,
} from '@kesu/sla-contracts';
import {
  calendarOf,
  type ClockRules,
  type ComplaintFacts,
  rulesFor,
  slaSettingsDecider,
} from '@kesu/sla-domain';
import { SLA_EVENTS } from '../sla-events';

/** How long a process keeps a tenant's SLA settings before reading its stream again. */
export const SLA_SETTINGS_CACHE_MS = 5_000;

/** A tenant's SLA settings as its stream leaves them. */
export interface SlaSettings {
  /** The policy in force: the last change's, or the seeds' pack before the first. */
  readonly policy: SlaPolicy;
  /** How many times the tenant changed it (0: the default applies). */
  readonly version: number;
  /** The official years the tenant loaded, by year. */
  readonly years: Readonly<Record<string, SlaCalendarYear>>;
  /** The stream's revision (-1 before the first change). */
  readonly revision: number;
}

/**
 * Reads each tenant's SLA policy and loaded calendars from `sla-settings-<tenant>`, the seeds' pack
 * until its first change, keeping them SLA_SETTINGS_CACHE_MS per process.
 */
@Injectable()
export class SlaPolicies {
  private readonly cache = new Map<
    string,
    { settings: SlaSettings; calendar: BusinessCalendar; until: number }
  >();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SLA_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The settings as stored now (the cache refreshed). */
  async settingsOf(tenantId: string): Promise<SlaSettings> {
    const recorded = await this.store.readStream(slaSettingsStream(tenantId));
    const events = recorded.map((e) => this.registry.toDomain<SlaSettingsEvent>(e));
    const settings = { ...fold(slaSettingsDecider, events), revision: recorded.length - 1 };
    // one calendar object per settings read: the calendar's days are worked out once per object
    const calendar = calendarOf(settings.policy, Object.values(settings.years));
    const until = this.clock.now().getTime() + SLA_SETTINGS_CACHE_MS;
    this.cache.set(tenantId, { settings, calendar, until });
    return settings;
  }

  private async cached(tenantId: string): Promise<{ settings: SlaSettings; calendar: BusinessCalendar }> {
    const hit = this.cache.get(tenantId);
    if (hit && this.clock.now().getTime() < hit.until) return hit;
    await this.settingsOf(tenantId);
    return this.cache.get(tenantId)!;
  }

  /** The tenant's policy and business calendar now. */
  async policyOf(tenantId: string): Promise<{ policy: SlaPolicy; calendar: BusinessCalendar }> {
    const { settings, calendar } = await this.cached(tenantId);
    return { policy: settings.policy, calendar };
  }

  /** The rules and calendar a complaint of the tenant runs by. */
  async rulesOf(
    tenantId: string,
    facts: ComplaintFacts,
  ): Promise<{ rules: ClockRules; calendar: BusinessCalendar }> {
    const { policy, calendar } = await this.policyOf(tenantId);
    return { rules: rulesFor(policy, facts), calendar };
  }

  /** Forgets a tenant's cached settings (after a change here). */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
