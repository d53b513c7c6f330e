import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ComplaintReport, isPeriodLabel } from '@kesu/analytics-domain';
import { InvalidInputError } from '@kesu/kernel';
import type { Caller } from '@kesu/platform';
import { ReportAddresses } from './report-address';
import { ReportIssues } from './report-issues';
import type { ReportFindingsDto } from './report.params';

/** An analyst writes the findings and suggestions of an issued report (存在问题 / 几点建议). */
export class WriteReportFindingsCommand extends Command<ComplaintReport> {
  constructor(
    readonly caller: Caller,
    readonly body: ReportFindingsDto,
  ) {
    super();
  }
}

@CommandHandler(WriteReportFindingsCommand)
export class WriteReportFindingsHandler implements ICommandHandler<WriteReportFindingsCommand> {
  constructor(
    private readonly addresses: ReportAddresses,
    private readonly issues: ReportIssues,
  ) {}

  execute({ caller, body }: WriteReportFindingsCommand): Promise<ComplaintReport> {
    if (!isPeriodLabel(body.kind, body.period)) {
      throw new InvalidInputError([
        { field: 'period', message: `period must be ${body.kind === 'monthly' ? 'YYYY-MM' : 'YYYY-Qn'}` },
      ]);
    }
    const address = this.addresses.of(caller.principal, body.kind, body.period, body.branchId);
    return this.issues.writeFindings(caller, address, {
      findings: body.findings,
      suggestions: body.suggestions,
    });
  }
}
