import { type RuleSet, ruleSetStream } from '@kesu/classification-contracts';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { validateRuleSet } from '@kesu/classification-domain';
import type { Caller } from '@kesu/platform';
import { DEFAULT_VERSION } from './change-taxonomy';
import { assertValid } from './settings-problems';
import type { PutRulesDto } from './settings.dto';
import { SettingsChanges } from './settings-changes';
import { type Setting, TenantSettings } from './tenant-settings.service';

/** Replace the tenant's rule set as a whole, saying why. */
export class ChangeRulesCommand extends Command<Setting<RuleSet>> {
  constructor(
    readonly caller: Caller,
    readonly body: PutRulesDto,
  ) {
    super();
  }
}

/**
 * Checks the rules (400 naming each path), then records RuleSetChanged — version the current one
 * plus one, who and why — at the If-Match revision of the rules stream when given.
 */
@CommandHandler(ChangeRulesCommand)
export class ChangeRulesHandler implements ICommandHandler<ChangeRulesCommand> {
  constructor(
    private readonly settings: TenantSettings,
    private readonly changes: SettingsChanges,
  ) {}

  async execute({ caller, body }: ChangeRulesCommand): Promise<Setting<RuleSet>> {
    const { tenantId } = caller.principal;
    const current = await this.settings.rules(tenantId);
    assertValid(validateRuleSet({ version: current.version + 1, rules: body.rules }));
    const { state, revision } = await this.changes.record({
      caller,
      streamId: ruleSetStream(tenantId),
      causationId: this.changes.causationOf(caller, 'ChangeRules', body),
      expectedRevision: caller.expectedRevision,
      command: (at, by) => ({
        type: 'ChangeRuleSet',
        tenantId,
        rules: body.rules as RuleSet['rules'],
        baseVersion: DEFAULT_VERSION,
        reason: body.reason,
        by,
        at,
      }),
    });
    return { value: state.ruleSet!, revision };
  }
}
