import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseSettingsReader, type CaseSettingsView } from './case-settings';

/** A tenant's case settings as they stand: the settings in force, their version and stream revision. */
export class GetCaseSettingsQuery extends Query<CaseSettingsView> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(GetCaseSettingsQuery)
export class GetCaseSettingsHandler implements IQueryHandler<GetCaseSettingsQuery> {
  constructor(private readonly reader: CaseSettingsReader) {}

  execute({ tenantId }: GetCaseSettingsQuery): Promise<CaseSettingsView> {
    return this.reader.viewOf(tenantId);
  }
}
