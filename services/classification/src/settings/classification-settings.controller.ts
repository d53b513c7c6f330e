import type { RuleSet, Taxonomy } from '@kesu/classification-contracts';
import { Body, Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  answerRevision,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import { ChangeRulesCommand } from './change-rules';
import { ChangeSettingsCommand } from './change-settings';
import { ChangeTaxonomyCommand } from './change-taxonomy';
import { type DryRunAnswer, DryRunRulesQuery } from './dry-run-rules';
import { GetRulesQuery, GetSettingsQuery, GetTaxonomyQuery } from './read-settings';
import { DryRunDto, PutRulesDto, PutSettingsDto, PutTaxonomyDto } from './settings.dto';
import type { ClassificationSettingsView, Setting } from './tenant-settings.service';

/** Who may try rules out. */
const RULE_TESTERS = [Role.admin, Role.supervisor, Role.branchManager, Role.director, Role.analyst];

/**
 * A tenant's taxonomy, rules and settings: read by everyone (with their revision as the ETag),
 * changed by administrators who say why (`reason`), every change an event; a PUT with an If-Match
 * naming an earlier revision is refused (412).
 */
@Controller('api/v1/classification')
export class ClassificationSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('taxonomy')
  async taxonomy(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<Taxonomy> {
    return valueOf(reply, await this.queries.execute(new GetTaxonomyQuery(principal)));
  }

  @Put('taxonomy')
  @Roles(Role.admin)
  async changeTaxonomy(
    @Body() body: PutTaxonomyDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<Taxonomy> {
    return valueOf(reply, await this.commands.execute(new ChangeTaxonomyCommand(caller, body)));
  }

  /**
   * The tenant's classification settings: the confidence threshold below which people classify,
   * after how many new labeled examples the model is retrained by itself, and from how many
   * complainants or complaints a matter is collective.
   */
  @Get('settings')
  async classificationSettings(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ClassificationSettingsView> {
    const settings = await this.queries.execute(new GetSettingsQuery(principal));
    answerRevision(reply, settings.revision);
    return settings;
  }

  @Put('settings')
  @Roles(Role.admin)
  async changeSettings(
    @Body() body: PutSettingsDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ClassificationSettingsView> {
    const settings = await this.commands.execute(new ChangeSettingsCommand(caller, body));
    answerRevision(reply, settings.revision);
    return settings;
  }

  @Get('rules')
  async rules(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RuleSet> {
    return valueOf(reply, await this.queries.execute(new GetRulesQuery(principal)));
  }

  @Put('rules')
  @Roles(Role.admin)
  async changeRules(
    @Body() body: PutRulesDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RuleSet> {
    return valueOf(reply, await this.commands.execute(new ChangeRulesCommand(caller, body)));
  }

  /** What the rules (the tenant's, or those given) decide about a complaint, and why. */
  @Post('rules/dry-run')
  @HttpCode(200)
  @Roles(...RULE_TESTERS)
  dryRun(@Body() body: DryRunDto, @CurrentPrincipal() principal: Principal): Promise<DryRunAnswer> {
    return this.queries.execute(new DryRunRulesQuery(principal, body));
  }
}

/** The setting as the body, its revision as the ETag. */
function valueOf<T>(reply: HeaderReply, { value, revision }: Setting<T>): T {
  answerRevision(reply, revision);
  return value;
}
