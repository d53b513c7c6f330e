import { type IntakeEvent, intakeStream, type Language } from '@kesu/intake-contracts';
import { createHash } from 'node:crypto';
import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { checkScope, intakeDecider, type RegisterComplaint, textTokens } from '@kesu/intake-domain';
import { canonicalJson, DomainRuleViolation, EventTypeRegistry, type RecordedEvent } from '@kesu/kernel';
import { CLOCK, DOCUMENT_STORE, EVENT_STORE, KEY_STORE, type Principal } from '@kesu/platform';
import { type Clock, type DocumentStore, type EventStore, handleCommand, type KeyStore } from '@kesu/ports';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { INTAKE_EVENTS } from '../intake-events';
import { type IntakePolicy, IntakePolicies } from '../policy/intake-policy';
import { SameMatterChecks } from '../same-matter/same-matter-checks';
import { recordedChannelDetails } from './channel-details.dto';
import { sealComplainant } from './complainant-sealing';
import { assertNothingInFuture } from './received-in-time';
import { ReferenceNumbers } from './reference-numbers';
import type { RegisterComplaintDto } from './register-complaint.dto';
import { type RegistrationResult, registrationResult } from './registration-result';

export type { RegistrationResult } from './registration-result';

const IDEMPOTENCY_NAMESPACE = '6f1f3c2e-3b7a-4d38-9a43-2f5c0e7d9b11';

/** The outcome: the response body, and whether this call recorded the complaint or replayed an earlier one. */
export interface Registration {
  readonly result: RegistrationResult;
  readonly created: boolean;
}

export interface RegistrationRequest {
  readonly principal: Principal;
  readonly body: RegisterComplaintDto;
  readonly requestId: string;
  readonly idempotencyKey?: string;
}

/**
 * Registers complaints: seals the complainant's details, numbers the complaint, runs the automatic
 * checks (scope list, same matter of the same complainant) and records the complaint with their
 * outcome in one append; then indexes it and links a merged duplicate to its open complaint.
 *
 * Two identical complaints posted at the same instant may both be registered as new: each looks
 * for the other before either is indexed. That is accepted (a later third one is merged into one
 * of them); a client that retries sends an Idempotency-Key, which never registers twice.
 */
@Injectable()
export class ComplaintRegistration {
  private readonly references = new Map<string, ReferenceNumbers>();
  private readonly inFlight = new Map<string, Promise<Registration>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly policies: IntakePolicies,
    private readonly sameMatters: SameMatterChecks,
  ) {}

  /**
   * Registers the complaint of one request. Concurrent retries of a keyed request in this process
   * wait for the first instead of racing it, so they number nothing; across processes the stream's
   * expected revision lets one win and the others replay it.
   */
  register(request: RegistrationRequest): Promise<Registration> {
    if (request.idempotencyKey === undefined) return this.registerOnce(request);
    const { principal, idempotencyKey, body } = request;
    const key = `${principal.tenantId}:${principal.userId}:${idempotencyKey}:${canonicalJson(body)}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending.then(({ result }) => ({ result, created: false }));
    const registration = this.registerOnce(request).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, registration);
    return registration;
  }

  private async registerOnce({
    principal,
    body,
    requestId,
    idempotencyKey,
  }: RegistrationRequest): Promise<Registration> {
    const now = this.clock.now();
    const { tenantId } = principal;
    const policy = this.policies.policyFor(tenantId);
    assertNothingInFuture(body, now, policy.timeZone);
    const keyed = idempotencyKey !== undefined;
    const complaintId = keyed
      ? uuidv5(`${tenantId}:${principal.userId}:${idempotencyKey}`, IDEMPOTENCY_NAMESPACE)
      : uuidv7();
    const causationId = keyed
      ? `request-${createHash('sha256').update(canonicalJson(body)).digest('hex')}`
      : requestId;
    const streamId = intakeStream(complaintId);

    if (keyed) {
      const replay = await this.replay(streamId, causationId, policy);
      if (replay) return { result: replay, created: false };
    }
    // Each may write (a new person's key, a new block of numbers): together they share one commit.
    const [complainant, reference, keyHashes] = await Promise.all([
      sealComplainant(this.keys, tenantId, body.complainant),
      this.referencesIn(policy.timeZone).next(tenantId, now),
      this.sameMatters.keyHashes(tenantId, body.complainant),
    ]);
    const subject = { type: body.subject.type, ...defined({ name: body.subject.name }) };
    const tokens = textTokens(body.description);
    const outOfScope = checkScope(policy.scope, { subject, description: body.description });
    const sameMatter = outOfScope
      ? undefined
      : await this.sameMatters.find(policy, { tenantId, keyHashes, subject, tokens, receivedAt: now });
    const command: RegisterComplaint = {
      type: 'RegisterComplaint',
      complaintId,
      reference,
      channel: body.channel,
      branchId: body.branchId,
      complainant,
      subject,
      description: body.description,
      receivedAt: now.toISOString(),
      language: body.language ?? detectLanguage(body.description),
      acknowledgeWithinHours: policy.acknowledgeWithinHours,
      ...defined({
        channelDetails: recordedChannelDetails(body.channelDetails),
        occurredAt: body.occurredAt,
        location: body.location,
        expectedRemedy: body.expectedRemedy,
        emotion: body.emotion,
        complainantCount: body.complainantCount,
        resolvedOnTheSpot: body.resolvedOnTheSpot && { remedy: body.resolvedOnTheSpot.remedy },
        outOfScope: outOfScope ?? undefined,
        sameMatter,
      }),
    };
    const metadata = {
      occurredAt: now.toISOString(),
      tenantId,
      branchId: body.branchId,
      correlationId: complaintId,
      causationId,
      actor: { kind: 'user' as const, id: principal.userId, roles: principal.roles },
    };
    try {
      const result = await handleCommand(
        this.store,
        this.registry,
        intakeDecider,
        streamId,
        command,
        metadata,
      );
      if (!result.replayed) await this.sameMatters.registered(result.events, keyHashes, tokens);
      return { result: this.resultOf(result.events, policy), created: !result.replayed };
    } catch (error) {
      if (keyed && error instanceof DomainRuleViolation && error.code === 'complaint.already_registered') {
        throw new UnprocessableEntityException(
          'The Idempotency-Key was already used with a different request body.',
        );
      }
      throw error;
    }
  }

  private async replay(
    streamId: string,
    causationId: string,
    policy: IntakePolicy,
  ): Promise<RegistrationResult | null> {
    const stored = await this.store.readStream(streamId);
    if (stored.length === 0) return null;
    if (stored[0]!.causationId !== causationId) {
      throw new UnprocessableEntityException(
        'The Idempotency-Key was already used with a different request body.',
      );
    }
    return this.resultOf(
      stored.filter((event) => event.causationId === causationId),
      policy,
    );
  }

  private resultOf(recorded: readonly RecordedEvent[], policy: IntakePolicy): RegistrationResult {
    return registrationResult(
      recorded.map((event) => this.registry.toDomain<IntakeEvent>(event)),
      policy,
    );
  }

  private referencesIn(timeZone: string): ReferenceNumbers {
    let numbers = this.references.get(timeZone);
    if (!numbers) {
      numbers = new ReferenceNumbers(this.documents, timeZone);
      this.references.set(timeZone, numbers);
    }
    return numbers;
  }
}

/** The fields whose value is not undefined (events store no `undefined`). */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Chinese when the text has Han characters, English otherwise. */
export function detectLanguage(text: string): Language {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
