import { createHash } from 'node:crypto';
import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import {
  acknowledgementMessage,
  type ComplaintReceived,
  type ComplainantDetails,
  intakeDecider,
  intakeStream,
  type Language,
} from '@kesu/intake-domain';
import { canonicalJson, DomainRuleViolation, EventTypeRegistry, sealPersonalData } from '@kesu/kernel';
import {
  CLOCK,
  DOCUMENT_STORE,
  EVENT_STORE,
  KEY_STORE,
  type Principal,
  ValidationProblem,
} from '@kesu/platform';
import { type Clock, type DocumentStore, type EventStore, handleCommand, type KeyStore } from '@kesu/ports';
import { DateTime } from 'luxon';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { ReferenceNumbers } from './reference-numbers';
import type { RegisterComplaintDto } from './register-complaint.dto';
import { INTAKE_EVENTS } from '../intake-events';

const IDEMPOTENCY_NAMESPACE = '6f1f3c2e-3b7a-4d38-9a43-2f5c0e7d9b11';
/** Time zone of reference numbers and customer-facing deadlines until tenants carry their own. */
export const TENANT_TIME_ZONE = 'Asia/Shanghai';

export interface RegistrationResult {
  readonly complaintId: string;
  readonly reference: string;
  readonly status: 'received';
  readonly acknowledgement: { readonly message: string; readonly respondBy: string };
}

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

/** Registers complaints: seals the complainant's details, numbers the complaint and records it. */
@Injectable()
export class ComplaintRegistration {
  private readonly references: ReferenceNumbers;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
  ) {
    this.references = new ReferenceNumbers(documents, TENANT_TIME_ZONE);
  }

  async register({ principal, body, requestId, idempotencyKey }: RegistrationRequest): Promise<Registration> {
    const now = this.clock.now();
    if (body.occurredAt && Date.parse(body.occurredAt) > now.getTime()) {
      throw new ValidationProblem([
        { field: 'occurredAt', message: 'occurredAt must not lie in the future' },
      ]);
    }
    const { tenantId } = principal;
    const keyed = idempotencyKey !== undefined;
    const complaintId = keyed
      ? uuidv5(`${tenantId}:${principal.userId}:${idempotencyKey}`, IDEMPOTENCY_NAMESPACE)
      : uuidv7();
    const causationId = keyed
      ? `request-${createHash('sha256').update(canonicalJson(body)).digest('hex')}`
      : requestId;
    const streamId = intakeStream(complaintId);

    if (keyed) {
      const replay = await this.replay(streamId, causationId);
      if (replay) return { result: replay, created: false };
    }
    // Either may write (a new person's key, a new block of numbers): together they share one commit.
    const [complainant, reference] = await Promise.all([
      this.seal(tenantId, body.complainant),
      this.references.next(tenantId, now),
    ]);
    const command = {
      type: 'RegisterComplaint' as const,
      ...body,
      complainant,
      complaintId,
      reference,
      receivedAt: now.toISOString(),
      language: body.language ?? detectLanguage(body.description),
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
      return {
        result: toResult(result.events[0]!.data as ComplaintReceived['data']),
        created: !result.replayed,
      };
    } catch (error) {
      if (keyed && error instanceof DomainRuleViolation && error.code === 'complaint.already_registered') {
        throw new UnprocessableEntityException(
          'The Idempotency-Key was already used with a different request body.',
        );
      }
      throw error;
    }
  }

  private async replay(streamId: string, causationId: string): Promise<RegistrationResult | null> {
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    if (!first) return null;
    if (first.causationId !== causationId) {
      throw new UnprocessableEntityException(
        'The Idempotency-Key was already used with a different request body.',
      );
    }
    return toResult(this.registry.upcast(first).data as ComplaintReceived['data']);
  }

  /** Seals the complainant's details with their own data key, so erasing the key erases them. */
  private async seal(tenantId: string, details: ComplainantDetails) {
    const subjectId = subjectOf(tenantId, details);
    const key = await this.keys.getOrCreate(tenantId, subjectId);
    return { subjectId, sealed: sealPersonalData(key, subjectId, { ...details }) };
  }
}

function toResult(data: ComplaintReceived['data']): RegistrationResult {
  const { respondBy } = data.acknowledgement;
  return {
    complaintId: data.complaintId,
    reference: data.reference,
    status: 'received',
    acknowledgement: {
      message: acknowledgementMessage(data.language, data.reference, respondBy, TENANT_TIME_ZONE),
      respondBy: DateTime.fromISO(respondBy).setZone(TENANT_TIME_ZONE).toISO()!,
    },
  };
}

/** The same person gets the same subject: by customer id, else by contact, else by name. */
function subjectOf(tenantId: string, details: ComplainantDetails): string {
  if (details.customerId) return `customer-${details.customerId}`;
  const contact =
    details.phone?.replace(/[^0-9+]/g, '') || details.email?.toLowerCase() || details.name.trim();
  return `contact-${createHash('sha256').update(`${tenantId}:${contact}`).digest('hex').slice(0, 32)}`;
}

/** Chinese when the text has Han characters, English otherwise. */
export function detectLanguage(text: string): Language {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
