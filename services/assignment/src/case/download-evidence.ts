import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type CaseEvent, caseStream, type EvidenceFile } from '@kesu/assignment-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import { DomainRuleViolation, type EventTypeRegistry, NotFoundError } from '@kesu/kernel';
import { EVENT_STORE, FILE_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { EventStore, FileStore } from '@kesu/ports';
import { CASE_EVENTS } from './case-events';

/** An evidence file as recorded, with its content checked against its hash. */
export interface EvidenceDownload extends EvidenceFile {
  readonly content: Buffer;
}

/** A case's evidence file by its hash; 404 outside the caller's scope or for a file the case never recorded. */
export class DownloadEvidenceQuery extends Query<EvidenceDownload> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
    readonly sha256: string,
  ) {
    super();
  }
}

/**
 * Reads the file the case's EvidenceAdded names from the file store and hashes it again: a file that
 * is gone or no longer matches its recorded hash is refused (409 `evidence.altered`), never served.
 */
@QueryHandler(DownloadEvidenceQuery)
export class DownloadEvidenceHandler implements IQueryHandler<DownloadEvidenceQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(CASE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, complaintId, sha256 }: DownloadEvidenceQuery): Promise<EvidenceDownload> {
    const notFound = new NotFoundError(
      'evidence.not_found',
      `no evidence ${sha256} on complaint ${complaintId}`,
    );
    const [received] = await this.store.readStream(intakeStream(complaintId), { maxCount: 1 });
    if (!this.directory.reaches(principal, received)) throw notFound;
    const recorded = (await this.store.readStream(caseStream(complaintId)))
      .map((e) => this.registry.toDomain<CaseEvent>(e))
      .flatMap((e) => (e.type === 'EvidenceAdded' && e.data.file?.sha256 === sha256 ? [e.data.file] : []))[0];
    if (!recorded) throw notFound;
    const content = await this.files.get(principal.tenantId, sha256);
    const actual = content ? createHash('sha256').update(content).digest('hex') : null;
    if (!content || actual !== sha256)
      throw new DomainRuleViolation(
        'evidence.altered',
        content
          ? `the stored file no longer matches its recorded hash ${sha256} (it hashes to ${actual})`
          : `the stored file of hash ${sha256} is missing`,
        { sha256, ...(actual && { actualSha256: actual }) },
      );
    return { ...recorded, content: Buffer.from(content) };
  }
}
