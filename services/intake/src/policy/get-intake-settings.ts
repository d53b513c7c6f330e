import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type IntakeSettings, IntakePolicies } from './intake-policies';

/** A tenant's intake settings as they stand: the policy in force, its version and stream revision. */
export class GetIntakeSettingsQuery extends Query<IntakeSettings> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(GetIntakeSettingsQuery)
export class GetIntakeSettingsHandler implements IQueryHandler<GetIntakeSettingsQuery> {
  constructor(private readonly policies: IntakePolicies) {}

  execute({ tenantId }: GetIntakeSettingsQuery): Promise<IntakeSettings> {
    return this.policies.settingsOf(tenantId);
  }
}
