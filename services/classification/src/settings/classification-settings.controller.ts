import { InvalidInputError } from '@kesu/kernel';
import { type RuleSet, type Taxonomy } from '@kesu/classification-contracts';
import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  type ClassificationInput,
  type DryRunResult,
  dryRun,
  taxonomyPack,
  type ValidationProblem as RuleProblem,
  validateRuleSet,
  validateTaxonomy,
} from '@kesu/classification-domain';
import { CLOCK, CurrentPrincipal, type Principal, Role, Roles } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { Inject } from '@nestjs/common';
import {
  type ClassificationSettingsView,
  type SettingsAuthor,
  TenantSettings,
} from './tenant-settings.service';
import { DryRunDto, PutRulesDto, PutSettingsDto, PutTaxonomyDto } from './settings.dto';

/** Who may try rules out. */
const RULE_TESTERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director, Role.analyst];

/** A tenant's taxonomy, rules and settings: read by everyone, changed by administrators, every change an event. */
@Controller('api/v1/classification')
export class ClassificationSettingsController {
  constructor(
    private readonly settings: TenantSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('taxonomy')
  taxonomy(@CurrentPrincipal() principal: Principal): Promise<Taxonomy> {
    return this.settings.taxonomy(principal.tenantId);
  }

  @Put('taxonomy')
  @Roles(Role.admin)
  async changeTaxonomy(
    @Body() body: PutTaxonomyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Taxonomy> {
    const tree = body.categories ? { pack: body.pack, categories: body.categories } : taxonomyPack(body.pack);
    const current = await this.settings.taxonomy(principal.tenantId);
    const proposed = { pack: tree.pack, categories: tree.categories, version: current.version + 1 };
    assertValid(validateTaxonomy(proposed));
    return this.settings.changeTaxonomy(authorOf(principal), proposed as Omit<Taxonomy, 'version'>);
  }

  /**
   * The tenant's classification settings: the confidence threshold below which people classify, and
   * after how many new labeled examples the model is retrained by itself.
   */
  @Get('settings')
  classificationSettings(@CurrentPrincipal() principal: Principal): Promise<ClassificationSettingsView> {
    return this.settings.settings(principal.tenantId);
  }

  @Put('settings')
  @Roles(Role.admin)
  changeSettings(
    @Body() body: PutSettingsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ClassificationSettingsView> {
    const { confidenceThreshold, autoRetrainAfter } = body;
    return this.settings.changeSettings(authorOf(principal), {
      ...(confidenceThreshold !== undefined && { confidenceThreshold }),
      ...(autoRetrainAfter !== undefined && { autoRetrainAfter }),
    });
  }

  @Get('rules')
  rules(@CurrentPrincipal() principal: Principal): Promise<RuleSet> {
    return this.settings.rules(principal.tenantId);
  }

  @Put('rules')
  @Roles(Role.admin)
  async changeRules(@Body() body: PutRulesDto, @CurrentPrincipal() principal: Principal): Promise<RuleSet> {
    const current = await this.settings.rules(principal.tenantId);
    assertValid(validateRuleSet({ version: current.version + 1, rules: body.rules }));
    return this.settings.changeRules(authorOf(principal), body.rules as RuleSet['rules']);
  }

  /** What the rules (the tenant's, or those given) decide about a complaint, and why. */
  @Post('rules/dry-run')
  @HttpCode(200)
  @Roles(...RULE_TESTERS)
  async dryRun(
    @Body() body: DryRunDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DryRunResult & { ruleSetVersion: number }> {
    const rules: RuleSet = body.rules
      ? {
          version: (await this.settings.rules(principal.tenantId)).version + 1,
          rules: body.rules as RuleSet['rules'],
        }
      : await this.settings.rules(principal.tenantId);
    if (body.rules) assertValid(validateRuleSet(rules));
    const input = this.inputOf(body, principal);
    return { ...dryRun(input, rules), ruleSetVersion: rules.version };
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

/** The author of a settings change: the user, at the first unit of their scope. */
export function authorOf(principal: Principal): SettingsAuthor {
  return {
    tenantId: principal.tenantId,
    branchId: principal.branchScope[0] ?? principal.tenantId,
    actor: { kind: 'user', id: principal.userId, roles: principal.roles },
  };
}

function assertValid(problems: readonly RuleProblem[]): void {
  if (problems.length > 0) {
    throw new InvalidInputError(problems.map((p) => ({ field: p.path || 'body', message: p.message })));
  }
}
