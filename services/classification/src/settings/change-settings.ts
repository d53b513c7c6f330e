import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SettingsCommand } from '@kesu/classification-domain';
import type { Caller } from '@kesu/platform';
import { StaleRevisionError } from '@kesu/ports';
import type { PutSettingsDto } from './settings.dto';
import { SettingsChanges } from './settings-changes';
import {
  type ClassificationSettingsView,
  SETTINGS_STREAMS,
  type SettingName,
  settingsRevision,
  TenantSettings,
} from './tenant-settings.service';

/** Change the tenant's confidence threshold, retraining policy or collective threshold, saying why. */
export class ChangeSettingsCommand extends Command<ClassificationSettingsView> {
  constructor(
    readonly caller: Caller,
    readonly body: PutSettingsDto,
  ) {
    super();
  }
}

/** Who changes a setting, when and why. */
interface Change {
  readonly tenantId: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** The command that changes one setting to `value`. */
const CHANGES: Readonly<Record<SettingName, (value: number, change: Change) => SettingsCommand>> = {
  confidenceThreshold: (confidenceThreshold, change) => ({
    type: 'ChangeConfidenceThreshold',
    confidenceThreshold,
    ...change,
  }),
  autoRetrainAfter: (autoRetrainAfter, change) => ({
    type: 'ChangeAutoRetrain',
    autoRetrainAfter,
    ...change,
  }),
  collectiveThreshold: (collectiveThreshold, change) => ({
    type: 'ChangeCollectiveThreshold',
    collectiveThreshold,
    ...change,
  }),
};

/**
 * Records ConfidenceThresholdChanged, AutoRetrainChanged and CollectiveThresholdChanged for the
 * settings given, each on its stream with who and why (nothing for a value that stays the same).
 * With an If-Match, the settings' revision as one thing (`settingsRevision`) must be the one named,
 * and each stream is appended at the revision it had then: 412 otherwise. A request repeating an
 * earlier one's Idempotency-Key records nothing and answers the settings as they stand.
 */
@CommandHandler(ChangeSettingsCommand)
export class ChangeSettingsHandler implements ICommandHandler<ChangeSettingsCommand> {
  constructor(
    private readonly settings: TenantSettings,
    private readonly changes: SettingsChanges,
  ) {}

  async execute({ caller, body }: ChangeSettingsCommand): Promise<ClassificationSettingsView> {
    const { tenantId } = caller.principal;
    const { expectedRevision } = caller;
    const current = await this.settings.scalars(tenantId);
    const given = (Object.keys(CHANGES) as SettingName[]).filter((name) => body[name] !== undefined);
    const causationId = this.changes.causationOf(caller, 'ChangeSettings', body);
    const earlier = await Promise.all(
      given.map((name) => this.changes.earlier(SETTINGS_STREAMS[name](tenantId), causationId)),
    );
    // A request repeating an earlier one with its Idempotency-Key records nothing again.
    if (earlier.some((events) => events.length > 0)) return this.settings.settings(tenantId);
    const settingsStream = `classification-settings-${tenantId}`;
    if (expectedRevision !== undefined && settingsRevision(current) !== expectedRevision) {
      throw stale(settingsStream, expectedRevision, settingsRevision(current));
    }
    for (const name of given) {
      try {
        await this.changes.record({
          caller,
          streamId: SETTINGS_STREAMS[name](tenantId),
          causationId,
          ...(expectedRevision !== undefined && { expectedRevision: current[name].revision }),
          command: (at, by) => CHANGES[name](body[name]!, { tenantId, reason: body.reason, by, at }),
        });
      } catch (error) {
        if (!(error instanceof StaleRevisionError)) throw error;
        const now = settingsRevision(await this.settings.scalars(tenantId));
        throw stale(settingsStream, expectedRevision!, now);
      }
    }
    return this.settings.settings(tenantId);
  }
}

const stale = (streamId: string, expected: number, actual: number) =>
  new StaleRevisionError(streamId, expected, actual < 0 ? 'no_stream' : actual);
