import type { RuleSet } from '@kesu/classification-contracts';
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  type ClassificationInput,
  type DryRunResult,
  dryRun,
  validateRuleSet,
} from '@kesu/classification-domain';
import { InvalidInputError } from '@kesu/kernel';
import { CLOCK, type Principal } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { assertValid } from './settings-problems';
import type { DryRunDto } from './settings.dto';
import { TenantSettings } from './tenant-settings.service';

/** What the rules decide about a complaint, and which rule set version decided. */
export type DryRunAnswer = DryRunResult & { readonly ruleSetVersion: number };

/** Try the tenant's rules, or those given, on a complaint: nothing is recorded. */
export class DryRunRulesQuery extends Query<DryRunAnswer> {
  constructor(
    readonly principal: Principal,
    readonly body: DryRunDto,
  ) {
    super();
  }
}

/**
 * What the rules (the tenant's, or those given — checked, 400 naming each path) decide about a
 * complaint given as `input` or by its main fields under the tenant's collective threshold, and why.
 */
@QueryHandler(DryRunRulesQuery)
export class DryRunRulesHandler implements IQueryHandler<DryRunRulesQuery> {
  constructor(
    private readonly settings: TenantSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ principal, body }: DryRunRulesQuery): Promise<DryRunAnswer> {
    const [current, collectiveThreshold] = await Promise.all([
      this.settings.rules(principal.tenantId),
      this.settings.collectiveThreshold(principal.tenantId),
    ]);
    const rules: RuleSet = body.rules
      ? { version: current.version + 1, rules: body.rules as RuleSet['rules'] }
      : current;
    if (body.rules) assertValid(validateRuleSet(rules));
    const input = this.inputOf(body, principal);
    return { ...dryRun(input, rules, { collectiveThreshold }), ruleSetVersion: rules.version };
  }

  private inputOf(body: DryRunDto, principal: Principal): ClassificationInput {
    const given = (body.input ?? {}) as Partial<ClassificationInput>;
    const description = body.text ?? given.description;
    if (typeof description !== 'string' || description.trim() === '') {
      throw new InvalidInputError([{ field: 'text', message: 'text (or input.description) is required' }]);
    }
    return {
      complaintId: 'dry-run',
      tenantId: principal.tenantId,
      branchId: principal.branchScope[0] ?? 'unknown',
      channel: 'web',
      subject: { type: 'other' },
      complainantCount: 1,
      receivedAt: this.clock.now().toISOString(),
      ...given,
      description,
      ...(body.channel !== undefined && { channel: body.channel }),
      ...(body.complainantCount !== undefined && { complainantCount: body.complainantCount }),
      ...(body.emotion !== undefined && { emotion: body.emotion }),
      ...(body.repeatOf !== undefined && { repeatOf: body.repeatOf }),
    };
  }
}
