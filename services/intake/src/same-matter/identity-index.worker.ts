import { type ComplainantDetails, type ComplaintReceivedData } from '@kesu/intake-contracts';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { textTokens } from '@kesu/intake-domain';
import { type EventTypeRegistry, openPersonalData, type RecordedEvent, topicForCategory } from '@kesu/kernel';
import { DOCUMENT_STORE, EventConsumers, KEY_STORE } from '@kesu/platform';
import type { DocumentStore, KeyStore } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { IdentityIndex, indexedComplaint, statusAfter } from './identity-index';
import { IdentityKeys } from './identity-keys';
import { LinkDuplicateCommand } from './link-duplicate';

/** The consumer group that keeps the identity index current. */
export const IDENTITY_INDEX_GROUP = 'intake.identity-index';
const TOPICS = [topicForCategory('intake')];

/**
 * Keeps the identity index in step with intake's published events: adds a complaint's entries when
 * it is received (repairing a crash between the append and registration's own index write), moves
 * its status on every status change, and links every merged duplicate to its open complaint (a
 * LinkDuplicateCommand on the bus). Each step is idempotent, so redelivered events change nothing.
 */
@Injectable()
export class IdentityIndexWorker implements OnModuleInit {
  private readonly logger = new Logger(IdentityIndexWorker.name);
  private readonly index: IdentityIndex;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(INTAKE_EVENTS) private readonly events: EventTypeRegistry,
    private readonly identities: IdentityKeys,
    private readonly commands: CommandBus,
    private readonly consumers: EventConsumers,
  ) {
    this.index = new IdentityIndex(documents);
  }

  async onModuleInit(): Promise<void> {
    await this.index.ensureIndexes();
    this.consumers.register({
      group: IDENTITY_INDEX_GROUP,
      topics: TOPICS,
      events: this.events,
      handle: (event) => this.apply(event),
    });
  }

  /** Applies one published event of intake, decoded and upcast, to the index. */
  async apply(event: RecordedEvent): Promise<void> {
    const status = statusAfter(event);
    if (event.type === 'ComplaintReceived') {
      await this.indexReceived(event, event.data as ComplaintReceivedData);
    } else if (status) {
      await this.index.setStatus(event.tenantId, event.correlationId, status, event.globalPosition);
    }
    if (event.type === 'ComplaintMergedAsDuplicate') {
      await this.commands.execute(new LinkDuplicateCommand(event, { kind: 'service', id: 'intake' }));
    }
  }

  private async indexReceived(event: RecordedEvent, data: ComplaintReceivedData): Promise<void> {
    const { subjectId, sealed } = data.complainant;
    const key = await this.keys.get(event.tenantId, subjectId);
    if (!key) {
      this.logger.debug(`complaint ${data.complaintId}: complainant erased, not indexed`);
      return;
    }
    const details = openPersonalData<ComplainantDetails>(key, subjectId, sealed);
    const hashes = await this.identities.hashes(event.tenantId, details);
    const complaint = indexedComplaint(data, textTokens(data.description));
    await this.index.record(event.tenantId, hashes, complaint, 'received', event.globalPosition);
  }
}
