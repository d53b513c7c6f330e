import { Inject, Injectable } from '@nestjs/common';
import { type CaseSettings, type CaseSettingsChanged, caseSettingsStream } from '@kesu/assignment-contracts';
import { DEFAULT_CASE_SETTINGS } from '@kesu/assignment-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { EVENT_STORE } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { CASE_EVENTS } from './case-events';

/** A tenant's case settings, as `GET /api/v1/assignments/case-settings` answers them. */
export interface CaseSettingsView {
  /** The settings in force: the last change's, or the built-in defaults before the first. */
  readonly settings: CaseSettings;
  /** How many times the tenant changed them (0: the defaults apply). */
  readonly version: number;
  /** The stream's revision, to send as If-Match with a change (-1 before the first). */
  readonly revision: number;
  readonly lastChange?: { readonly changedBy: string; readonly reason: string; readonly changedAt: string };
}

/** Reads each tenant's case settings (authority limits, root causes) from its settings stream. */
@Injectable()
export class CaseSettingsReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async settingsOf(tenantId: string): Promise<CaseSettings> {
    return (await this.viewOf(tenantId)).settings;
  }

  async viewOf(tenantId: string): Promise<CaseSettingsView> {
    const [last] = await this.store.readStream(caseSettingsStream(tenantId), {
      direction: 'backwards',
      maxCount: 1,
    });
    return last ? this.fromRecorded(last) : { settings: DEFAULT_CASE_SETTINGS, version: 0, revision: -1 };
  }

  /** The view a recorded CaseSettingsChanged leaves the tenant with. */
  fromRecorded(recorded: RecordedEvent): CaseSettingsView {
    const { data } = this.registry.toDomain<CaseSettingsChanged>(recorded);
    const { settings, version, changedBy, reason, changedAt } = data;
    return { settings, version, revision: recorded.revision, lastChange: { changedBy, reason, changedAt } };
  }
}
