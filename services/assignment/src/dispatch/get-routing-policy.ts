import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RoutingPolicies, type RoutingSettings } from './routing-policies';

/** A tenant's dispatch policy as it stands: the policy in force and its stream's revision. */
export class GetRoutingPolicyQuery extends Query<RoutingSettings> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(GetRoutingPolicyQuery)
export class GetRoutingPolicyHandler implements IQueryHandler<GetRoutingPolicyQuery> {
  constructor(private readonly policies: RoutingPolicies) {}

  execute({ tenantId }: GetRoutingPolicyQuery): Promise<RoutingSettings> {
    return this.policies.settingsOf(tenantId);
  }
}
