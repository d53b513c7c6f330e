import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ComplaintReport, isPeriodLabel } from '@kesu/analytics-domain';
import { InvalidInputError } from '@kesu/kernel';
import type { Caller } from '@kesu/platform';
import { ReportAddresses } from './report-address';
import { ReportIssues } from './report-issues';
import type { GenerateReportDto } from './report.params';

/** An analyst generates a report now: a new generation when its figures changed since the last. */
export class GenerateReportCommand extends Command<ComplaintReport> {
  constructor(
    readonly caller: Caller,
    readonly body: GenerateReportDto,
  ) {
    super();
  }
}

@CommandHandler(GenerateReportCommand)
export class GenerateReportHandler implements ICommandHandler<GenerateReportCommand> {
  constructor(
    private readonly addresses: ReportAddresses,
    private readonly issues: ReportIssues,
  ) {}

  execute({ caller, body }: GenerateReportCommand): Promise<ComplaintReport> {
    const { principal } = caller;
    if (!isPeriodLabel(body.kind, body.period)) {
      throw new InvalidInputError([
        { field: 'period', message: `period must be ${body.kind === 'monthly' ? 'YYYY-MM' : 'YYYY-Qn'}` },
      ]);
    }
    const address = this.addresses.of(principal, body.kind, body.period, body.branchId);
    return this.issues.issueFor(caller, this.addresses.ended(principal, address));
  }
}
