import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EvidenceAddedData } from '@kesu/assignment-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { FILE_STORE } from '@kesu/platform';
import type { FileStore } from '@kesu/ports';

/** An evidence file of the history whose stored content no longer proves what the history says. */
export interface EvidenceFileProblem {
  /** The EvidenceAdded that names the file. */
  readonly streamId: string;
  readonly revision: number;
  /** `altered`: the stored content hashes to something else; `missing`: nothing is stored. */
  readonly problem: 'altered' | 'missing';
  /** The recorded hash and what the stored content hashes to (only to those who see personal data). */
  readonly sha256?: string;
  readonly actualSha256?: string;
}

/** What re-hashing the history's evidence files found. */
export interface EvidenceFilesVerification {
  readonly filesChecked: number;
  readonly problems: readonly EvidenceFileProblem[];
}

/**
 * Re-hashes every evidence file a complaint's history names (each EvidenceAdded with a `file`) from
 * the file store, the content-addressed store the assignment service writes them to through the same
 * platform port (files under `DATA_DIR/files` embedded — one data folder for the host and for
 * separate processes alike —, GridFS in the deployment's MongoDB), read here as the event store is:
 * by what the recorded events name, never changed.
 */
@Injectable()
export class EvidenceFileChecks {
  constructor(@Inject(FILE_STORE) private readonly files: FileStore) {}

  async verify(events: readonly RecordedEvent[], withHashes: boolean): Promise<EvidenceFilesVerification> {
    const named = events.flatMap((event) => {
      const file =
        event.type === 'EvidenceAdded' ? (event.data as Partial<EvidenceAddedData>).file : undefined;
      return file && typeof file.sha256 === 'string' ? [{ event, sha256: file.sha256 }] : [];
    });
    const problems: EvidenceFileProblem[] = [];
    for (const { event, sha256 } of named) {
      const content = await this.files.get(event.tenantId, sha256);
      const actual = content ? createHash('sha256').update(content).digest('hex') : null;
      if (actual === sha256) continue;
      problems.push({
        streamId: event.streamId,
        revision: event.revision,
        problem: content ? 'altered' : 'missing',
        ...(withHashes && { sha256, ...(actual && { actualSha256: actual }) }),
      });
    }
    return { filesChecked: named.length, problems };
  }
}
