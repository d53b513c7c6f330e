import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  answerRevision,
  BodyLimit,
  type Caller,
  CurrentCaller,
  type HeaderReply,
  markReplayed,
  Role,
  Roles,
} from '@kesu/platform';
import { ImportDirectoryCommand, type ImportReport } from './import-directory';
import { ImportDirectoryDto } from './import.dto';

/** The largest import body: an export of some 20,000 people. */
export const IMPORT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * Bulk import of the caller's tenant's organisation from an HR system's export (CSV or JSON), by its
 * admins: all or nothing, with a dry run. Callers without the role are refused before the body is read.
 */
@Controller('api/v1/directory/imports')
export class DirectoryImportController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles(Role.admin)
  @BodyLimit(IMPORT_BODY_LIMIT_BYTES)
  async import(
    @Body() body: ImportDirectoryDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<Omit<ImportReport, 'replayed'>> {
    const { replayed, ...report } = await this.commands.execute(new ImportDirectoryCommand(caller, body));
    if (!report.dryRun) answerRevision(reply, report.revision);
    markReplayed(reply, replayed);
    return report;
  }
}
