import type { RuleSet, Taxonomy } from '@kesu/classification-contracts';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@kesu/platform';
import { type ClassificationSettingsView, type Setting, TenantSettings } from './tenant-settings.service';

/** The tenant's taxonomy, and its stream's revision. */
export class GetTaxonomyQuery extends Query<Setting<Taxonomy>> {
  constructor(readonly principal: Principal) {
    super();
  }
}

/** The tenant's rule set, and its stream's revision. */
export class GetRulesQuery extends Query<Setting<RuleSet>> {
  constructor(readonly principal: Principal) {
    super();
  }
}

/** The tenant's thresholds and retraining policy, and their revision as one thing. */
export class GetSettingsQuery extends Query<ClassificationSettingsView> {
  constructor(readonly principal: Principal) {
    super();
  }
}

@QueryHandler(GetTaxonomyQuery)
export class GetTaxonomyHandler implements IQueryHandler<GetTaxonomyQuery> {
  constructor(private readonly settings: TenantSettings) {}

  execute({ principal }: GetTaxonomyQuery): Promise<Setting<Taxonomy>> {
    return this.settings.taxonomySetting(principal.tenantId);
  }
}

@QueryHandler(GetRulesQuery)
export class GetRulesHandler implements IQueryHandler<GetRulesQuery> {
  constructor(private readonly settings: TenantSettings) {}

  execute({ principal }: GetRulesQuery): Promise<Setting<RuleSet>> {
    return this.settings.ruleSetSetting(principal.tenantId);
  }
}

@QueryHandler(GetSettingsQuery)
export class GetSettingsHandler implements IQueryHandler<GetSettingsQuery> {
  constructor(private readonly settings: TenantSettings) {}

  execute({ principal }: GetSettingsQuery): Promise<ClassificationSettingsView> {
    return this.settings.settings(principal.tenantId);
  }
}
