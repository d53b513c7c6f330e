import { Inject, Injectable } from '@nestjs/common';
import { type IntakePolicy, type IntakeSettingsEvent, intakeSettingsStream } from '@kesu/intake-contracts';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import type { Clock, EventStore } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { INTAKE_POLICY_DEFAULTS } from './intake-policy-defaults';

/** How long a process keeps a tenant's policy before reading its settings stream again. */
export const POLICY_CACHE_MS = 5_000;

/** A tenant's intake settings, as `GET /api/v1/intake/settings` answers them. */
export interface IntakeSettings {
  /** The policy in force: the last change's, or the defaults before the first. */
  readonly policy: IntakePolicy;
  /** How many times the tenant changed it (0: the defaults apply). */
  readonly version: number;
  /** The settings stream's revision, to send as If-Match with a change (-1 before the first). */
  readonly revision: number;
  /** Who changed it last, why and when (absent before the first change). */
  readonly lastChange?: { readonly changedBy: string; readonly reason: string; readonly changedAt: string };
}

/** The settings a recorded IntakePolicyChanged leaves the tenant with. */
export function settingsAfter(event: IntakeSettingsEvent, revision: number): IntakeSettings {
  const { policy, version, changedBy, reason, changedAt } = event.data;
  return { policy, version, revision, lastChange: { changedBy, reason, changedAt } };
}

/**
 * Reads each tenant's intake policy from its settings stream (`intake-settings-<tenant>`), the
 * defaults until its first change. Registration asks for it on every complaint, so a process keeps
 * it for POLICY_CACHE_MS: a change made in this process applies here from the next command, one
 * made in another process within a few seconds — a change of policy is a rare administrative act,
 * while reading the stream on every registration would add a read to the busiest write path.
 */
@Injectable()
export class IntakePolicies {
  private readonly cache = new Map<string, { readonly settings: IntakeSettings; readonly until: number }>();
  private readonly reading = new Map<string, Promise<IntakeSettings>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(INTAKE_POLICY_DEFAULTS) private readonly defaults: IntakePolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The policy in force for the tenant's next command (from the cache while it is fresh). */
  async policyOf(tenantId: string): Promise<IntakePolicy> {
    const cached = this.cache.get(tenantId);
    if (cached && this.clock.now().getTime() < cached.until) return cached.settings.policy;
    return (await this.read(tenantId)).policy;
  }

  /** The tenant's settings as stored now (never from the cache). */
  settingsOf(tenantId: string): Promise<IntakeSettings> {
    return this.read(tenantId);
  }

  /** The policy in force until a tenant's first change. */
  defaultPolicy(): IntakePolicy {
    return this.defaults;
  }

  /** The tenant's settings were changed in this process: they apply here from the next command. */
  changed(tenantId: string, settings: IntakeSettings): void {
    this.remember(tenantId, settings);
  }

  private read(tenantId: string): Promise<IntakeSettings> {
    const pending = this.reading.get(tenantId);
    if (pending) return pending;
    const reading = this.store
      .readStream(intakeSettingsStream(tenantId), { direction: 'backwards', maxCount: 1 })
      .then(([last]) => {
        const settings = last ? this.fromRecorded(last) : { policy: this.defaults, version: 0, revision: -1 };
        this.remember(tenantId, settings);
        return settings;
      })
      .finally(() => this.reading.delete(tenantId));
    this.reading.set(tenantId, reading);
    return reading;
  }

  private fromRecorded(recorded: RecordedEvent): IntakeSettings {
    return settingsAfter(this.registry.toDomain<IntakeSettingsEvent>(recorded), recorded.revision);
  }

  /** Keeps the newer of the cached and the given settings (a read may end after a change). */
  private remember(tenantId: string, settings: IntakeSettings): void {
    const cached = this.cache.get(tenantId);
    if (cached && cached.settings.revision > settings.revision) return;
    this.cache.set(tenantId, { settings, until: this.clock.now().getTime() + POLICY_CACHE_MS });
  }
}
