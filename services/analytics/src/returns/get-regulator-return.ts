import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  countsByGroup,
  lastEndedPeriod,
  type RegulatorReturn,
  regulatorReturnOf,
  RETURN_PACKS,
  sumCells,
} from '@kesu/analytics-domain';
import { InvalidInputError } from '@kesu/kernel';
import type { Principal } from '@kesu/platform';
import { DateTime } from 'luxon';
import { KpiCells } from '../kpi/kpi-cells';
import { ReportAddresses } from '../reports/report-address';
import { ReportFiguresReader } from '../reports/report-figures';
import type { ReturnParams } from './returns.params';

/** A regulator return of the caller's unit over a window of days, summed from the rollups. */
export class GetRegulatorReturnQuery extends Query<RegulatorReturn> {
  constructor(
    readonly principal: Principal,
    readonly params: ReturnParams,
  ) {
    super();
  }
}

@QueryHandler(GetRegulatorReturnQuery)
export class GetRegulatorReturnHandler implements IQueryHandler<GetRegulatorReturnQuery> {
  constructor(
    private readonly cells: KpiCells,
    private readonly figures: ReportFiguresReader,
    private readonly addresses: ReportAddresses,
  ) {}

  async execute({ principal, params }: GetRegulatorReturnQuery): Promise<RegulatorReturn> {
    const pack = RETURN_PACKS.find((candidate) => candidate.id === params.pack)!;
    const month = lastEndedPeriod('monthly', this.addresses.today(principal.tenantId));
    const from = params.from ?? month.from;
    const to = params.to ?? month.to;
    const errors = [
      ...(DateTime.fromISO(from).isValid
        ? []
        : [{ field: 'from', message: 'from must be a day of the calendar' }]),
      ...(DateTime.fromISO(to).isValid ? [] : [{ field: 'to', message: 'to must be a day of the calendar' }]),
    ];
    if (errors.length === 0 && from > to)
      errors.push({ field: 'to', message: 'to must not lie before from' });
    if (errors.length > 0) throw new InvalidInputError(errors);
    const unitId = this.figures.unitOf(principal, params.branchId);
    const cells = await this.cells.read(principal.tenantId, [unitId], { from, to });
    const names = await this.figures.categoryNames(principal.tenantId);
    return regulatorReturnOf({
      pack,
      tenantId: principal.tenantId,
      unitId,
      from,
      to,
      total: sumCells(cells),
      byCategory: countsByGroup(cells, 'category'),
      nameOfCategory: (key) => names.get(key) ?? { zh: key, en: key },
    });
  }
}
