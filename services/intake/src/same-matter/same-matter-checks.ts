import {
  type ComplainantDetails,
  type ComplaintReceivedData,
  type IntakePolicy,
} from '@kesu/intake-contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { SameMatter } from '@kesu/intake-domain';
import type { RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { DocumentStore } from '@kesu/ports';
import { IdentityIndex, indexedComplaint, statusAfter } from './identity-index';
import { IdentityKeys } from './identity-keys';
import { LinkDuplicateCommand } from './link-duplicate';
import { findSameMatter, type NewComplaint } from './same-matter-finder';
import { SameMatterLease } from './same-matter-lease';

/**
 * Registration's side of duplicates and repeats: the complainant's key hashes, the search for the
 * same matter before the append, and the index entries and duplicate link right after it.
 */
@Injectable()
export class SameMatterChecks {
  private readonly logger = new Logger(SameMatterChecks.name);
  private readonly index: IdentityIndex;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    private readonly identities: IdentityKeys,
    private readonly commands: CommandBus,
    private readonly leases: SameMatterLease,
  ) {
    this.index = new IdentityIndex(documents);
  }

  /**
   * Runs one registration's decision while no other registration of a complainant with any of these
   * key hashes decides (in this process or another): from the search for the same matter to the
   * index entries of the decision.
   */
  oneAtATime<T>(tenantId: string, keyHashes: readonly string[], decide: () => Promise<T>): Promise<T> {
    return this.leases.hold(tenantId, keyHashes, decide);
  }

  keyHashes(tenantId: string, details: ComplainantDetails): Promise<string[]> {
    return this.identities.hashes(tenantId, details);
  }

  find(policy: IntakePolicy, complaint: NewComplaint): Promise<SameMatter | undefined> {
    return findSameMatter(this.index, policy, complaint);
  }

  /**
   * Indexes a newly registered complaint under its complainant's key hashes and links a merged
   * duplicate to its open complaint. A failure loses nothing: the identity-index worker does both
   * again from the published events.
   */
  async registered(
    events: readonly RecordedEvent[],
    keyHashes: readonly string[],
    tokens: Iterable<string>,
  ): Promise<void> {
    const received = events[0]!;
    const data = received.data as ComplaintReceivedData;
    try {
      const last = [...events].reverse().find((event) => statusAfter(event) !== undefined)!;
      const complaint = indexedComplaint(data, tokens);
      await this.index.record(
        received.tenantId,
        keyHashes,
        complaint,
        statusAfter(last)!,
        last.globalPosition,
      );
      const merged = events.find((event) => event.type === 'ComplaintMergedAsDuplicate');
      if (merged)
        await this.commands.execute(new LinkDuplicateCommand(merged, received.actor, data.reference));
    } catch (error) {
      this.logger.error(`indexing ${data.reference} failed, the worker will repair it: ${String(error)}`);
    }
  }
}
