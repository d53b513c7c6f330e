import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Department, OrgUnitRef, StaffMember, TenantProfile } from '@kesu/assignment-contracts';
import { NotFoundError } from '@kesu/kernel';
import { DirectoryStates } from './directory-states';

/** A tenant's directory as `GET /api/v1/directory` answers it. */
export interface DirectoryView {
  readonly tenant: TenantProfile;
  /** The directory stream's revision: the `If-Match` of the next change. */
  readonly revision: number;
  readonly units: readonly OrgUnitRef[];
  readonly departments: readonly Department[];
  readonly people: readonly StaffMember[];
}

/** The caller's tenant's directory, as it stands (never another tenant's). */
export class GetDirectoryQuery extends Query<DirectoryView> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(GetDirectoryQuery)
export class GetDirectoryHandler implements IQueryHandler<GetDirectoryQuery> {
  constructor(private readonly states: DirectoryStates) {}

  async execute({ tenantId }: GetDirectoryQuery): Promise<DirectoryView> {
    const { state, revision } = await this.states.current(tenantId, { fresh: true });
    if (!state.tenant) throw new NotFoundError('tenant.not_found', 'The tenant has no directory.');
    return {
      tenant: state.tenant,
      revision,
      units: [...state.units.values()],
      departments: [...state.departments.values()],
      people: [...state.people.values()],
    };
  }
}
