import { createHash, randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Caller, FILE_STORE } from '@kesu/platform';
import type { FileStore } from '@kesu/ports';
import { CaseActions, type CaseActionOutcome } from './case-actions';
import type { EvidenceContent } from './evidence-upload';

/**
 * Add a file as evidence: stored by its SHA-256 hash (once the sender is known to work the case), and
 * recorded with that hash, its size, sniffed type and name, so the history proves which file was seen.
 */
export class UploadEvidenceFileCommand extends Command<CaseActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly file: EvidenceContent,
    readonly fileName: string,
    readonly description?: string,
  ) {
    super();
  }
}

@CommandHandler(UploadEvidenceFileCommand)
export class UploadEvidenceFileHandler implements ICommandHandler<UploadEvidenceFileCommand> {
  constructor(
    private readonly actions: CaseActions,
    @Inject(FILE_STORE) private readonly files: FileStore,
  ) {}

  execute(command: UploadEvidenceFileCommand): Promise<CaseActionOutcome> {
    const { caller, complaintId, file, fileName, description } = command;
    const { content, mediaType } = file;
    const sha256 = createHash('sha256').update(content).digest('hex');
    const input = {
      file: { sha256, size: content.length, mediaType, fileName },
      ...(description !== undefined && { description }),
    };
    return this.actions.run(caller, complaintId, 'AddEvidence', input, async ({ base }) => {
      if (base.actor.works) await this.files.put(caller.principal.tenantId, sha256, content, mediaType);
      return { ...base, type: 'AddEvidence', evidenceId: randomUUID(), ...input };
    });
  }
}
