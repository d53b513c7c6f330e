import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DirectoryImportRejected, type PlanSummary, planRecords } from '@kesu/assignment-domain';
import { InvalidInputError, NotFoundError } from '@kesu/kernel';
import type { Caller } from '@kesu/platform';
import { assertTenantAdmin } from '../directory-access';
import { DirectoryChanges } from '../directory-changes';
import { DirectoryStates } from '../directory-states';
import { recordsOfCsv } from './csv-records';
import type { ImportDirectoryDto } from './import.dto';
import { type ImportProblem, type ImportSource, placed } from './import-problems';
import { recordsOfJson } from './json-records';

/** What an import did, or — in a dry run — would do. */
export interface ImportReport {
  readonly dryRun: boolean;
  /** Whether the file's records are in the directory now (never in a dry run). */
  readonly imported: boolean;
  /** Whether the file has no problem. */
  readonly valid: boolean;
  /** The directory's revision after the import (in a dry run: as it stands). */
  readonly revision: number;
  /** How many units, departments and people the file adds or changes; `unchanged` the records it repeats. */
  readonly summary: PlanSummary;
  /** Every problem of every record, by line (CSV) or path (JSON) and field; none when valid. */
  readonly problems: readonly ImportProblem[];
  readonly replayed: boolean;
}

/** A tenant admin imports their organisation from an HR export (or checks it first: `dryRun`). */
export class ImportDirectoryCommand extends Command<ImportReport> {
  constructor(
    readonly caller: Caller,
    readonly body: ImportDirectoryDto,
  ) {
    super();
  }
}

/**
 * Reads the file's records and applies them all or none: a dry run answers what the import would
 * add and change, or every problem, recording nothing; an import with any problem is 400 listing
 * them all and records nothing; a clean one records a change event per added or changed record,
 * every one with the import's reason — and importing the same file again records nothing.
 */
@CommandHandler(ImportDirectoryCommand)
export class ImportDirectoryHandler implements ICommandHandler<ImportDirectoryCommand> {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly states: DirectoryStates,
  ) {}

  async execute({ caller, body }: ImportDirectoryCommand): Promise<ImportReport> {
    const { principal } = caller;
    assertTenantAdmin(principal);
    const source = sourceOf(body);
    const { tenantId } = principal;
    const known = await this.states.current(tenantId, { fresh: true });
    if (!known.state.tenant) throw new NotFoundError('tenant.not_found', 'The tenant has no directory.');
    const change = { by: principal.userId, reason: body.reason };
    const plan = planRecords(known.state, source.records, change);
    const problems = byLine([
      ...source.problems,
      ...plan.problems.map((p) => placed(p, source.records, source.places)),
    ]);
    const dryRun = body.dryRun === true;
    const report = { dryRun, valid: problems.length === 0, summary: plan.summary, problems, replayed: false };
    if (dryRun) return { ...report, imported: false, revision: known.revision };
    if (problems.length > 0) throw new InvalidInputError(problems);
    try {
      const outcome = await this.changes.run({
        caller,
        tenantId,
        action: 'ImportDirectory',
        input: body,
        command: () => ({ type: 'ImportRecords', records: source.records, ...change }),
      });
      return { ...report, imported: true, revision: outcome.revision, replayed: outcome.replayed };
    } catch (error) {
      if (!(error instanceof DirectoryImportRejected)) throw error;
      throw new InvalidInputError(
        byLine(error.problems.map((p) => placed(p, source.records, source.places))),
      );
    }
  }
}

function sourceOf(body: ImportDirectoryDto): ImportSource {
  if ((body.csv === undefined) === (body.json === undefined)) {
    throw new InvalidInputError([
      { field: 'csv', message: 'send the file either as csv (its text) or as json (an object), one of them' },
    ]);
  }
  return body.csv !== undefined ? recordsOfCsv(body.csv) : recordsOfJson(body.json);
}

/** Problems in the order of the file's lines (those without a line first, in their order). */
const byLine = (problems: ImportProblem[]): ImportProblem[] =>
  problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => (a.problem.line ?? 0) - (b.problem.line ?? 0) || a.order - b.order)
    .map(({ problem }) => problem);
