import {
  type RoutingPolicy,
  type RoutingPolicyChanged,
  routingPolicyStream,
} from '@kesu/assignment-contracts';
import { DEFAULT_ROUTING_POLICY } from '@kesu/assignment-domain';
import { Inject, Injectable } from '@nestjs/common';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import type { Clock, EventStore } from '@kesu/ports';
import { DISPATCH_EVENTS } from './dispatch-events';

/** How long a process keeps a tenant's policy before reading its stream again. */
export const ROUTING_POLICY_CACHE_MS = 5_000;

/** A tenant's dispatch policy as `GET /api/v1/assignments/routing` answers it. */
export interface RoutingSettings {
  /** The policy in force: the last change's, or the built-in one (version 1) before the first. */
  readonly policy: RoutingPolicy;
  /** The policy stream's revision, to send as If-Match with a change (-1 before the first). */
  readonly revision: number;
  /** Who changed it last, why and when (absent before the first change). */
  readonly lastChange?: { readonly changedBy: string; readonly reason: string; readonly changedAt: string };
}

/** The settings a recorded RoutingPolicyChanged leaves the tenant with. */
export function routingSettingsAfter(event: RoutingPolicyChanged, revision: number): RoutingSettings {
  const { policy, changedBy, reason, changedAt } = event.data;
  return { policy, revision, lastChange: { changedBy, reason, changedAt } };
}

/**
 * Reads each tenant's dispatch policy from its stream (`assignment-routing-<tenant>`), the seeds'
 * built-in policy until its first change. Dispatch asks for it on every complaint, so a process
 * keeps it for ROUTING_POLICY_CACHE_MS: a change made here applies from the next complaint, one
 * made in another process within a few seconds.
 */
@Injectable()
export class RoutingPolicies {
  private readonly cache = new Map<string, { readonly settings: RoutingSettings; readonly until: number }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The policy in force for the tenant's next complaint (from the cache while it is fresh). */
  async policyOf(tenantId: string): Promise<RoutingPolicy> {
    const cached = this.cache.get(tenantId);
    if (cached && this.clock.now().getTime() < cached.until) return cached.settings.policy;
    return (await this.settingsOf(tenantId)).policy;
  }

  /** The tenant's settings as stored now (never from the cache). */
  async settingsOf(tenantId: string): Promise<RoutingSettings> {
    const [last] = await this.store.readStream(routingPolicyStream(tenantId), {
      direction: 'backwards',
      maxCount: 1,
    });
    const settings = last ? this.fromRecorded(last) : { policy: DEFAULT_ROUTING_POLICY, revision: -1 };
    this.changed(tenantId, settings);
    return settings;
  }

  /** The settings after an event of the tenant's policy stream. */
  fromRecorded(recorded: RecordedEvent): RoutingSettings {
    return routingSettingsAfter(this.registry.toDomain<RoutingPolicyChanged>(recorded), recorded.revision);
  }

  /** The tenant's policy was read or changed in this process: it applies here from the next complaint. */
  changed(tenantId: string, settings: RoutingSettings): void {
    const cached = this.cache.get(tenantId);
    if (cached && cached.settings.revision > settings.revision) return;
    this.cache.set(tenantId, { settings, until: this.clock.now().getTime() + ROUTING_POLICY_CACHE_MS });
  }
}
