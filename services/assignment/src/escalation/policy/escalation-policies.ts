import { Inject, Injectable } from '@nestjs/common';
import {
  type EscalationPolicy,
  type EscalationPolicyChanged,
  escalationPolicyStream,
} from '@kesu/assignment-contracts';
import { DEFAULT_ESCALATION_POLICY } from '@kesu/assignment-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import type { Clock, EventStore } from '@kesu/ports';
import { ESCALATION_EVENTS } from '../escalation-events';

/** How long a process keeps a tenant's policy before reading its stream again. */
export const ESCALATION_POLICY_CACHE_MS = 5_000;

/** A tenant's escalation settings, as `GET /api/v1/assignments/escalation-policy` answers them. */
export interface EscalationSettings {
  /** The policy in force: the last change's, or the defaults before the first. */
  readonly policy: EscalationPolicy;
  /** How many times the tenant changed it (0: the defaults apply). */
  readonly version: number;
  /** The stream's revision, to send as If-Match with a change (-1 before the first). */
  readonly revision: number;
  readonly lastChange?: { readonly changedBy: string; readonly reason: string; readonly changedAt: string };
}

/** The settings a recorded EscalationPolicyChanged leaves the tenant with. */
export function escalationSettingsAfter(
  event: EscalationPolicyChanged,
  revision: number,
): EscalationSettings {
  const { policy, version, changedBy, reason, changedAt } = event.data;
  return { policy, version, revision, lastChange: { changedBy, reason, changedAt } };
}

/**
 * Reads each tenant's escalation policy from its stream (`assignment-escalationpolicy-<tenant>`),
 * the seeds' defaults until its first change. Every classification asks for it, so a process keeps
 * it for ESCALATION_POLICY_CACHE_MS: a change made here applies here at once, one made in another
 * process within a few seconds.
 */
@Injectable()
export class EscalationPolicies {
  private readonly cache = new Map<
    string,
    { readonly settings: EscalationSettings; readonly until: number }
  >();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The policy in force for the tenant's next command (from the cache while it is fresh). */
  async policyOf(tenantId: string): Promise<EscalationPolicy> {
    const cached = this.cache.get(tenantId);
    if (cached && this.clock.now().getTime() < cached.until) return cached.settings.policy;
    return (await this.settingsOf(tenantId)).policy;
  }

  /** The tenant's settings as stored now (never from the cache). */
  async settingsOf(tenantId: string): Promise<EscalationSettings> {
    const [last] = await this.store.readStream(escalationPolicyStream(tenantId), {
      direction: 'backwards',
      maxCount: 1,
    });
    const settings = last
      ? this.fromRecorded(last)
      : { policy: DEFAULT_ESCALATION_POLICY, version: 0, revision: -1 };
    this.changed(tenantId, settings);
    return settings;
  }

  /** The tenant's settings were read or changed in this process: they apply here from the next command. */
  changed(tenantId: string, settings: EscalationSettings): void {
    const cached = this.cache.get(tenantId);
    if (cached && cached.settings.revision > settings.revision) return;
    this.cache.set(tenantId, { settings, until: this.clock.now().getTime() + ESCALATION_POLICY_CACHE_MS });
  }

  fromRecorded(recorded: RecordedEvent): EscalationSettings {
    return escalationSettingsAfter(
      this.registry.toDomain<EscalationPolicyChanged>(recorded),
      recorded.revision,
    );
  }
}
