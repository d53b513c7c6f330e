import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type IntakeEvent, type IntakePolicy, intakeStream } from '@kesu/intake-contracts';
import { type HandlingUnit, intakeDecider, textTokens } from '@kesu/intake-domain';
import {
  canonicalJson,
  DomainRuleViolation,
  EventTypeRegistry,
  ForbiddenError,
  InvalidInputError,
  type RecordedEvent,
} from '@kesu/kernel';
import {
  type Caller,
  CLOCK,
  DOCUMENT_STORE,
  EVENT_STORE,
  OrgDirectory,
  type Principal,
} from '@kesu/platform';
import { type Clock, type DocumentStore, type EventStore, handleCommand } from '@kesu/ports';
import { INTAKE_EVENTS } from '../intake-events';
import { IntakePolicies } from '../policy/intake-policies';
import { SameMatterChecks } from '../same-matter/same-matter-checks';
import { ComplainantSealing } from './complainant-sealing';
import { assertNothingInFuture } from './received-in-time';
import { ReferenceNumbers } from './reference-numbers';
import type { RegisterComplaintDto } from './register-complaint.dto';
import { registerComplaintCommand, type RegistrationFacts, subjectOf } from './registration-command';
import { earlierRegistration, keyReused, registrationIdentity } from './registration-idempotency';
import { linkedComplaintIds, type RegistrationResult, registrationResult } from './registration-result';

/** The answer to a registration, and whether it replays an earlier request with the same Idempotency-Key. */
export interface Registration {
  readonly result: RegistrationResult;
  readonly replayed: boolean;
}

/** Register a complaint taken in on any channel, for a branch in the caller's scope. */
export class RegisterComplaintCommand extends Command<Registration> {
  constructor(
    readonly caller: Caller,
    readonly body: RegisterComplaintDto,
  ) {
    super();
  }
}

/**
 * Registers complaints: seals the complainant's details, numbers the complaint, looks for the same
 * matter of the same complainant, and lets the intake decider record the complaint under the
 * tenant's policy (its scope list) with that finding, in one append; then indexes it and links a
 * merged duplicate to its open complaint.
 *
 * Registrations of the same complainant are decided one at a time (the same-matter leases, across
 * processes too), so of identical complaints posted at the same instant the first is registered and
 * the others are merged into it, as if they had come one after another.
 */
@CommandHandler(RegisterComplaintCommand)
export class RegisterComplaintHandler implements ICommandHandler<RegisterComplaintCommand> {
  private readonly references = new Map<string, ReferenceNumbers>();
  private readonly inFlight = new Map<string, Promise<Registration>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly sealing: ComplainantSealing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly directory: OrgDirectory,
    private readonly policies: IntakePolicies,
    private readonly sameMatters: SameMatterChecks,
  ) {}

  /**
   * Concurrent retries of a keyed request in this process wait for the first instead of racing it,
   * so they number nothing; across processes the stream's expected revision lets one win and the
   * others replay it.
   */
  async execute({ caller, body }: RegisterComplaintCommand): Promise<Registration> {
    const { principal, idempotencyKey } = caller;
    if (!this.directory.branchExists(principal.tenantId, body.branchId)) {
      throw new InvalidInputError([{ field: 'branchId', message: `branch ${body.branchId} does not exist` }]);
    }
    if (!this.directory.covers(principal, body.branchId)) {
      throw new ForbiddenError(
        'complaint.branch_out_of_scope',
        `branch ${body.branchId} is outside your scope`,
      );
    }
    if (idempotencyKey === undefined) return this.register(caller, body);
    const key = `${principal.tenantId}:${principal.userId}:${idempotencyKey}:${canonicalJson(body)}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending.then(({ result }) => ({ result, replayed: true }));
    const registration = this.register(caller, body).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, registration);
    return registration;
  }

  private async register(caller: Caller, body: RegisterComplaintDto): Promise<Registration> {
    const now = this.clock.now();
    const { principal, idempotencyKey } = caller;
    const { tenantId } = principal;
    const policy = await this.policies.policyOf(tenantId);
    assertNothingInFuture(body, now, policy.timeZone);
    const { complaintId, causationId } = registrationIdentity(caller, body);
    const streamId = intakeStream(complaintId);
    const keyed = idempotencyKey !== undefined;
    if (keyed) {
      const earlier = earlierRegistration(await this.store.readStream(streamId), causationId, body);
      if (earlier.length > 0)
        return { result: await this.resultOf(earlier, policy, principal), replayed: true };
    }
    // Each may write (a new person's key, a new block of numbers): together they share one commit.
    const [complainant, reference, keyHashes] = await Promise.all([
      this.sealing.seal(tenantId, body.complainant),
      this.referencesIn(policy.timeZone).next(tenantId, now),
      this.sameMatters.keyHashes(tenantId, body.complainant),
    ]);
    const tokens = textTokens(body.description);
    const facts = { complaintId, reference, complainant, receivedAt: now, policy };
    const decide = () => this.decide(caller, body, { ...facts, keyHashes, tokens, causationId });
    const { events, replayed } = await this.sameMatters.oneAtATime(tenantId, keyHashes, decide);
    return { result: await this.resultOf(events, policy, principal), replayed };
  }

  /**
   * Looks for the same matter, lets the decider record the complaint with what was found and indexes
   * it, holding the complainant's same-matter leases: the next registration of the same person
   * finds this one.
   */
  private async decide(
    caller: Caller,
    body: RegisterComplaintDto,
    facts: Omit<RegistrationFacts, 'sameMatter'> & {
      readonly keyHashes: readonly string[];
      readonly tokens: ReadonlySet<string>;
      readonly causationId: string;
    },
  ): Promise<{ readonly events: readonly RecordedEvent[]; readonly replayed: boolean }> {
    const { principal, idempotencyKey } = caller;
    const { tenantId } = principal;
    const { complaintId, policy, keyHashes, tokens, causationId, receivedAt: now } = facts;
    const sameMatter = await this.sameMatters.find(policy, {
      tenantId,
      keyHashes,
      subject: subjectOf(body),
      tokens,
      receivedAt: now,
    });
    const command = registerComplaintCommand(body, { ...facts, ...(sameMatter && { sameMatter }) });
    const metadata = {
      occurredAt: now.toISOString(),
      tenantId,
      branchId: body.branchId,
      correlationId: complaintId,
      causationId,
      actor: { kind: 'user' as const, id: principal.userId, roles: principal.roles },
    };
    try {
      const handled = await handleCommand(
        this.store,
        this.registry,
        intakeDecider,
        intakeStream(complaintId),
        command,
        metadata,
      );
      if (!handled.replayed) await this.sameMatters.registered(handled.events, keyHashes, tokens);
      return handled;
    } catch (error) {
      if (
        idempotencyKey !== undefined &&
        error instanceof DomainRuleViolation &&
        error.code === 'complaint.already_registered'
      ) {
        throw keyReused();
      }
      throw error;
    }
  }

  /**
   * The answer to the caller: an earlier complaint it links to that lies outside the caller's
   * branch scope is named by the branch that has it (from its first event), and nothing else.
   */
  private async resultOf(
    recorded: readonly RecordedEvent[],
    policy: IntakePolicy,
    principal: Principal,
  ): Promise<RegistrationResult> {
    const events = recorded.map((event) => this.registry.toDomain<IntakeEvent>(event));
    const outside = new Map<string, HandlingUnit>();
    for (const complaintId of linkedComplaintIds(events)) {
      const [first] = await this.store.readStream(intakeStream(complaintId), { maxCount: 1 });
      if (!first || this.directory.covers(principal, first.branchId)) continue;
      const unit = this.directory.unit(first.tenantId, first.branchId);
      outside.set(complaintId, {
        unitId: first.branchId,
        name: unit?.name ?? { zh: first.branchId, en: first.branchId },
      });
    }
    return registrationResult(events, policy, outside);
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
