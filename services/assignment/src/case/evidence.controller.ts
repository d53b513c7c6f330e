import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { InvalidInputError } from '@kesu/kernel';
import {
  answerCommand,
  BodyLimit,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  type Principal,
  RawBody,
  Roles,
  uuidParam,
} from '@kesu/platform';
import { isSha256 } from '@kesu/ports';
import { CASE_ROLES, type CaseActionResult } from './case-actions';
import { UploadEvidenceQuery } from './case.dto';
import { DownloadEvidenceQuery } from './download-evidence';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_UPLOAD_TYPES,
  type EvidenceContent,
  UploadedEvidence,
} from './evidence-upload';
import { UploadEvidenceFileCommand } from './upload-evidence-file';

/**
 * Evidence files of a case: uploaded as the raw body (`Content-Type` the file's own type or
 * `application/octet-stream`, at most 10 MiB, the type sniffed from the content), stored by their
 * SHA-256 hash; downloaded by that hash, scoped like the complaint, checked against the hash first.
 */
@Controller('api/v1/complaints/:id/evidence')
@Roles(...CASE_ROLES)
export class EvidenceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('files')
  @HttpCode(202)
  @BodyLimit(EVIDENCE_MAX_BYTES)
  @RawBody(EVIDENCE_UPLOAD_TYPES)
  upload(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: UploadEvidenceQuery,
    @UploadedEvidence() file: EvidenceContent,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CaseActionResult> {
    const command = new UploadEvidenceFileCommand(caller, id, file, query.fileName, query.description);
    return answerCommand(reply, this.commands.execute(command));
  }

  @Get(':sha256')
  async download(
    @Param('id', uuidParam('id')) id: string,
    @Param('sha256') sha256: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<Buffer> {
    if (!isSha256(sha256))
      throw new InvalidInputError([{ field: 'sha256', message: 'sha256 must be 64 lower-case hex digits' }]);
    const file = await this.queries.execute(new DownloadEvidenceQuery(principal, id, sha256));
    reply.header('content-type', file.mediaType);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    reply.header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return file.content;
  }
}
