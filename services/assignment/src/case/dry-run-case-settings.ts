import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APPROVAL_TIERS, type ApprovalTier, type CaseSettings } from '@kesu/assignment-contracts';
import { requiredTier, withinLimit } from '@kesu/assignment-domain';
import { type FieldError, InvalidInputError } from '@kesu/kernel';
import type { Principal } from '@kesu/platform';
import { checkedSettings } from './change-case-settings';
import { CaseSettingsReader } from './case-settings';
import type { DryRunCaseSettingsDto } from './case-settings.dto';

/** Who would approve a proposal: each tier of the chain and whether its limit covers it. */
export interface CaseSettingsDryRun {
  /** The version of the tenant's settings tried (null: the settings given in the request). */
  readonly settingsVersion: number | null;
  readonly currency: string;
  /** The money the remedies move. */
  readonly amount: number;
  /** The lowest tier whose limit covers them (null: none does; such a proposal is refused, 422). */
  readonly requiredTier: ApprovalTier | null;
  readonly tiers: readonly { readonly tier: ApprovalTier; readonly covers: boolean }[];
}

/** Which tier would have to approve these remedies; nothing is recorded. */
export class DryRunCaseSettingsQuery extends Query<CaseSettingsDryRun> {
  constructor(
    readonly principal: Principal,
    readonly body: DryRunCaseSettingsDto,
  ) {
    super();
  }
}

/**
 * Tries remedies against the tenant's case settings, or against the settings given — checked as a
 * change is (400 naming each field) — so an administrator sees what a change of limits would do
 * before making it; a remedy in another currency is 400 naming it.
 */
@QueryHandler(DryRunCaseSettingsQuery)
export class DryRunCaseSettingsHandler implements IQueryHandler<DryRunCaseSettingsQuery> {
  constructor(private readonly reader: CaseSettingsReader) {}

  async execute({ principal, body }: DryRunCaseSettingsQuery): Promise<CaseSettingsDryRun> {
    const tried = body.settings ? { settings: checkedSettings(body.settings), version: null } : undefined;
    const { settings, version } = tried ?? (await this.reader.viewOf(principal.tenantId));
    const remedies = body.remedies.map((r) => ({ ...r }));
    const problems: FieldError[] = remedies.flatMap((r, i) =>
      r.currency !== undefined && r.currency !== settings.currency
        ? [{ field: `remedies.${i}.currency`, message: `currency must be ${settings.currency}` }]
        : [],
    );
    if (problems.length > 0) throw new InvalidInputError(problems);
    return {
      settingsVersion: version,
      currency: settings.currency,
      amount: remedies.reduce((sum, r) => sum + (r.amount ?? 0), 0),
      requiredTier: requiredTier(settings, remedies) ?? null,
      tiers: APPROVAL_TIERS.map((tier) => ({ tier, covers: covers(settings, tier, remedies) })),
    };
  }
}

function covers(settings: CaseSettings, tier: ApprovalTier, remedies: Parameters<typeof withinLimit>[1]) {
  const limit = settings.authorityLimits.find((l) => l.tier === tier);
  return limit !== undefined && withinLimit(limit, remedies);
}
