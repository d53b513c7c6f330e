import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EscalationPolicies, type EscalationSettings } from './escalation-policies';

/** A tenant's escalation settings as they stand: the policy in force, its version and stream revision. */
export class GetEscalationPolicyQuery extends Query<EscalationSettings> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(GetEscalationPolicyQuery)
export class GetEscalationPolicyHandler implements IQueryHandler<GetEscalationPolicyQuery> {
  constructor(private readonly policies: EscalationPolicies) {}

  execute({ tenantId }: GetEscalationPolicyQuery): Promise<EscalationSettings> {
    return this.policies.settingsOf(tenantId);
  }
}
