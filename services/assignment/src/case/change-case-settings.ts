import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CaseSettings, caseSettingsStream, type RemedyType } from '@kesu/assignment-contracts';
import { caseSettingsDecider, type ChangeCaseSettings, validateCaseSettings } from '@kesu/assignment-domain';
import { type EventTypeRegistry, InvalidInputError } from '@kesu/kernel';
import { type Caller, UserCommands } from '@kesu/platform';
import { CASE_EVENTS } from './case-events';
import { CaseSettingsReader, type CaseSettingsView } from './case-settings';
import type { PutCaseSettingsDto, TriedCaseSettingsDto } from './case-settings.dto';

/** The answer to a change: the settings after it, and whether it repeats an earlier request. */
export interface CaseSettingsOutcome {
  readonly view: CaseSettingsView;
  readonly replayed: boolean;
}

/** Replace the tenant's case settings (authority limits, root causes), saying why. */
export class ChangeCaseSettingsCommand extends Command<CaseSettingsOutcome> {
  constructor(
    readonly caller: Caller,
    readonly body: PutCaseSettingsDto,
  ) {
    super();
  }
}

/**
 * Checks the settings (400 naming each field) and records CaseSettingsChanged — the next version, who
 * and why — on `assignment-casesettings-<tenant>`: at the If-Match revision when given (412 when
 * stale), a repeated Idempotency-Key answered as it was, the settings in force again recording
 * nothing. The case commands read them from the next command on.
 */
@CommandHandler(ChangeCaseSettingsCommand)
export class ChangeCaseSettingsHandler implements ICommandHandler<ChangeCaseSettingsCommand> {
  constructor(
    @Inject(CASE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
    private readonly reader: CaseSettingsReader,
  ) {}

  async execute({ caller, body }: ChangeCaseSettingsCommand): Promise<CaseSettingsOutcome> {
    const { tenantId } = caller.principal;
    const settings = checkedSettings(body);
    const handled = await this.commands.changeTenantSettings({
      caller,
      streamId: caseSettingsStream(tenantId),
      decider: caseSettingsDecider,
      registry: this.registry,
      action: 'ChangeCaseSettings',
      input: body,
      command: (at: string): ChangeCaseSettings => ({
        type: 'ChangeCaseSettings',
        tenantId,
        settings,
        reason: body.reason,
        by: caller.principal.userId,
        at,
      }),
    });
    const last = handled.events.at(-1);
    const view = last ? this.reader.fromRecorded(last) : await this.reader.viewOf(tenantId);
    return { view, replayed: handled.replayed };
  }
}

/**
 * The settings a body asks for, checked (400 naming each field) and taken as plain data: only the
 * fields the settings know, so nothing else sent is recorded.
 */
export function checkedSettings(body: TriedCaseSettingsDto): CaseSettings {
  const problems = validateCaseSettings(body);
  if (problems.length > 0) throw new InvalidInputError(problems);
  const limits = body.authorityLimits as CaseSettings['authorityLimits'];
  const causes = body.rootCauses as CaseSettings['rootCauses'];
  return {
    currency: body.currency,
    authorityLimits: limits.map(({ tier, maxAmount, remedyLimits }) => ({
      tier,
      maxAmount,
      remedyLimits: remedyLimits.map(({ remedyType, maxAmount: max }) => ({
        remedyType: remedyType as RemedyType,
        maxAmount: max,
      })),
    })),
    rootCauses: causes.map(({ code, name }) => ({ code, name: { zh: name.zh, en: name.en } })),
  };
}
