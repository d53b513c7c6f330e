import { intakeAccessStream } from '@kesu/intake-contracts';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accessDecider, type RecordAccessExport } from '@kesu/intake-domain';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, CLOCK, EVENT_STORE, KEY_STORE, tenantStreamMetadata } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand, type KeyStore } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { IdentityKeys } from '../same-matter/identity-keys';
import { DataSubjects } from './data-subjects';
import { EXPORT_FORMAT, type ExportedComplaint, exportComplaint } from './personal-data-export';
import type { AccessRequestDto } from './privacy.dto';
import { assertNamesSomebody, earlierRequest, requestIdentity } from './privacy-requests';

/** The file an access request answers with: every complaint about the person, their data opened. */
export interface PersonalDataExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly requestId: string;
  readonly tenantId: string;
  /** The user (id) who exported it, to hand it over. */
  readonly exportedBy: string;
  readonly exportedAt: string;
  readonly complaints: readonly ExportedComplaint[];
}

/** An administrator exports a data subject's personal data for them (PIPL art. 45, GDPR art. 15). */
export class ExportPersonalDataCommand extends Command<PersonalDataExport> {
  constructor(
    readonly caller: Caller,
    readonly body: AccessRequestDto,
  ) {
    super();
  }
}

/**
 * Finds the person's complaints (`DataSubjects`), records DataSubjectAccessExported on the request's
 * own stream (who, when, which complaints — never the identifiers), then builds the export from the
 * event store as it stands. A repeated Idempotency-Key records nothing more and exports again.
 */
@CommandHandler(ExportPersonalDataCommand)
export class ExportPersonalDataHandler implements ICommandHandler<ExportPersonalDataCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly subjects: DataSubjects,
    private readonly identities: IdentityKeys,
  ) {}

  async execute({ caller, body }: ExportPersonalDataCommand): Promise<PersonalDataExport> {
    assertNamesSomebody(body);
    const { principal } = caller;
    const { tenantId } = principal;
    const { requestId, causationId } = await requestIdentity(
      caller,
      'ExportPersonalData',
      body,
      this.identities,
    );
    const streamId = intakeAccessStream(requestId);
    await earlierRequest(this.store, streamId, causationId);
    const found = await this.subjects.find(principal, body);
    const at = this.clock.now().toISOString();
    const command: RecordAccessExport = {
      type: 'RecordAccessExport',
      requestId,
      requestedBy: principal.userId,
      identifiedBy: found.identifiedBy,
      complaintIds: found.complaints.map((complaint) => complaint.complaintId),
      at,
    };
    await handleCommand(
      this.store,
      this.registry,
      accessDecider,
      streamId,
      command,
      tenantStreamMetadata(principal, streamId, causationId, at),
    );
    const complaints: ExportedComplaint[] = [];
    for (const complaint of found.complaints) {
      const history = await this.store.readByCorrelationId(complaint.complaintId);
      complaints.push(await exportComplaint(this.keys, tenantId, complaint, history));
    }
    return {
      format: EXPORT_FORMAT,
      requestId,
      tenantId,
      exportedBy: principal.userId,
      exportedAt: at,
      complaints,
    };
  }
}
