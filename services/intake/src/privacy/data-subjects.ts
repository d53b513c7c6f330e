import {
  type ComplaintReceivedData,
  intakeStream,
  type RecordCorrectedData,
  type SubjectIdentifierKind,
} from '@kesu/intake-contracts';
import { Inject, Injectable } from '@nestjs/common';
import { type EventTypeRegistry, ForbiddenError, type RecordedEvent, UnprocessableError } from '@kesu/kernel';
import { DOCUMENT_STORE, EVENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { DocumentStore, EventStore } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { IdentityIndex } from '../same-matter/identity-index';
import { IdentityKeys } from '../same-matter/identity-keys';
import { PrivacyRegister } from './privacy-register';

/** The most complaints one person is taken to have: beyond it, the identifiers are too common to name one. */
export const MAX_COMPLAINTS_OF_A_PERSON = 1000;

/** How an administrator names a data subject: any of their identifiers, and complaints of theirs. */
export interface SubjectIdentifiers {
  readonly phone?: string;
  readonly email?: string;
  readonly customerId?: string;
  readonly complaintIds?: readonly string[];
}

/** One complaint of a person, as intake recorded it: its stream's events and the subjects it was sealed for. */
export interface PersonComplaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly branchId: string;
  /** Every key-store subject its complainant was sealed for (the registration's, and each correction's). */
  readonly subjectIds: readonly string[];
  /** The events of its intake stream, upcast. */
  readonly events: readonly RecordedEvent[];
}

/** A person found by their identifiers: their complaints, and the complaint ids given that name none. */
export interface FoundPerson {
  readonly complaints: readonly PersonComplaint[];
  readonly identifiedBy: readonly SubjectIdentifierKind[];
  readonly unknownComplaintIds: readonly string[];
}

/**
 * Finds a data subject's complaints. A person's identifiers lead through the identity index (their
 * keyed hashes, never a hash without the tenant's secret) to complaints; from each complaint of
 * theirs on, so do the data subjects its complainant was sealed for (the privacy register) and its
 * own identity-index entries — a person who once gave a phone and a customer id together is the same
 * person under either, as same-matter checks take them to be.
 */
@Injectable()
export class DataSubjects {
  private readonly index: IdentityIndex;
  private readonly register: PrivacyRegister;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    private readonly identities: IdentityKeys,
    private readonly directory: OrgDirectory,
  ) {
    this.index = new IdentityIndex(documents);
    this.register = new PrivacyRegister(documents);
  }

  /**
   * The complaints of the person the identifiers name, in the caller's tenant: a complaint id of
   * another tenant, or outside the caller's scope, names nobody (`unknownComplaintIds`); a person
   * with complaints beyond the caller's scope is refused (403), since erasing a key erases them all.
   */
  async find(principal: Principal, identifiers: SubjectIdentifiers): Promise<FoundPerson> {
    const { tenantId } = principal;
    const seeds = new Set<string>();
    const unknownComplaintIds: string[] = [];
    for (const complaintId of new Set(identifiers.complaintIds ?? [])) {
      const complaint = await this.complaint(tenantId, complaintId);
      if (complaint && this.directory.covers(principal, complaint.branchId)) seeds.add(complaintId);
      else unknownComplaintIds.push(complaintId);
    }
    const { phone, email, customerId } = identifiers;
    const hashes = await this.identities.hashes(tenantId, { name: '', phone, email, customerId });
    for (const entry of await this.index.entriesUnder(tenantId, hashes)) seeds.add(entry.complaintId);
    const complaints = await this.personOf(tenantId, [...seeds]);
    if (complaints.some((complaint) => !this.directory.covers(principal, complaint.branchId))) {
      throw new ForbiddenError(
        'privacy.person_outside_scope',
        'this person also has complaints outside your branch scope: ask an administrator of the whole tenant',
      );
    }
    return { complaints, identifiedBy: identifiedBy(identifiers), unknownComplaintIds };
  }

  /** The complaints of the person whose complaints these are, the seeds included, oldest first. */
  async personOf(tenantId: string, seeds: readonly string[]): Promise<PersonComplaint[]> {
    const found = new Map<string, PersonComplaint>();
    const queue = [...new Set(seeds)];
    const queued = new Set(queue);
    const enqueue = (ids: Iterable<string>) => {
      for (const id of ids) {
        if (queued.has(id)) continue;
        queued.add(id);
        queue.push(id);
      }
    };
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const complaint = await this.complaint(tenantId, id);
      if (!complaint) continue;
      found.set(id, complaint);
      if (found.size > MAX_COMPLAINTS_OF_A_PERSON) {
        throw new UnprocessableError(
          'privacy.too_many_complaints',
          `these identifiers lead to more than ${MAX_COMPLAINTS_OF_A_PERSON} complaints: name the person more precisely`,
        );
      }
      enqueue(await this.register.complaintsOf(tenantId, complaint.subjectIds));
      const hashes = (await this.index.entriesOf(tenantId, [id])).map((entry) => entry.keyHash);
      enqueue((await this.index.entriesUnder(tenantId, [...new Set(hashes)])).map((e) => e.complaintId));
    }
    return [...found.values()].sort((a, b) => a.complaintId.localeCompare(b.complaintId));
  }

  /** A complaint of the tenant as its intake stream records it, or undefined (none, or another tenant's). */
  async complaint(tenantId: string, complaintId: string): Promise<PersonComplaint | undefined> {
    const events = (await this.store.readStream(intakeStream(complaintId))).map((e) =>
      this.registry.upcast(e),
    );
    const received = events[0];
    if (!received || received.tenantId !== tenantId || received.type !== 'ComplaintReceived')
      return undefined;
    const data = received.data as ComplaintReceivedData;
    const corrected = events
      .filter((event) => event.type === 'RecordCorrected')
      .flatMap((event) => (event.data as RecordCorrectedData).corrections.complainant?.subjectId ?? []);
    return {
      complaintId,
      reference: data.reference,
      branchId: data.branchId,
      subjectIds: [...new Set([data.complainant.subjectId, ...corrected])],
      events,
    };
  }
}

function identifiedBy(identifiers: SubjectIdentifiers): SubjectIdentifierKind[] {
  const kinds: SubjectIdentifierKind[] = [];
  if (identifiers.phone) kinds.push('phone');
  if (identifiers.email) kinds.push('email');
  if (identifiers.customerId) kinds.push('customerId');
  if (identifiers.complaintIds?.length) kinds.push('complaintIds');
  return kinds;
}
