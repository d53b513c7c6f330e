import { Inject, Injectable } from '@nestjs/common';
import {
  type EscalationPolicy,
  type EscalationTrigger,
  type IncidentPlanEvent,
  incidentPlanStream,
} from '@kesu/assignment-contracts';
import {
  type ChainHolder,
  type IncidentPlanCommand,
  incidentPlanDecider,
  type IncidentPlanState,
} from '@kesu/assignment-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import { type Clock, type CommandResult, type EventStore, handleCommand, type KnownState } from '@kesu/ports';
import { v5 as uuidv5 } from 'uuid';
import { ComplaintFactsReader } from '../escalation/complaint-facts';
import { EscalationChains } from '../escalation/escalation-chains';
import { ESCALATION_ACTOR, ESCALATION_EVENTS } from '../escalation/escalation-events';

/** How many of a plan's complaints are read for their signals when it opens. */
export const SIGNAL_SAMPLE = 50;

/** The namespace of the ids of the events a reaction appends to a plan's stream. */
const REACTION_EVENT_NAMESPACE = '0b6f3c1e-5d8a-4f0e-9a47-2c6e8d1b7f35';

/** How many plans' states a process keeps between reactions. */
const KNOWN_PLANS = 512;

/**
 * What plans need from around them: their coordinator from the directory, their complaints'
 * signals, and the appending of a reaction to another service's event on a plan's stream.
 */
@Injectable()
export class PlanContext {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ESCALATION_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly chains: EscalationChains,
    private readonly facts: ComplaintFactsReader,
  ) {}

  /**
   * Each plan's state as this process's last reaction left it: the next reaction on the plan reads
   * only the events after it, so a plan of thousands of complaints costs no more per join than a
   * small one. A state another process has moved past is caught up on the append's conflict.
   */
  private readonly known = new Map<string, KnownState<IncidentPlanState>>();

  /** The holder of the policy's coordinating role in the unit of its level at or above `unitId`. */
  async coordinatorFor(
    tenantId: string,
    unitId: string,
    policy: EscalationPolicy,
  ): Promise<ChainHolder | null> {
    const { level, role } = policy.incidentPlan.coordinator;
    const unit = await this.chains.unitAbove(tenantId, unitId, level);
    return unit ? this.chains.holderIn(tenantId, unit.unitId, role) : null;
  }

  /** The language a person reads (zh when the directory does not know them). */
  async languageOf(tenantId: string, personId: string | null): Promise<'zh' | 'en'> {
    return (personId && (await this.chains.person(tenantId, personId))?.language) || 'zh';
  }

  /** The triggers the complaints' classifications carry (of the first SIGNAL_SAMPLE of them). */
  async signalsOf(complaintIds: readonly string[]): Promise<EscalationTrigger[]> {
    const facts = await Promise.all(complaintIds.slice(0, SIGNAL_SAMPLE).map((id) => this.facts.of(id)));
    return [...new Set(facts.flatMap((f) => f?.triggers ?? []))];
  }

  /** The opening of a plan (undefined before it opened). */
  async openingOf(planId: string): Promise<RecordedEvent | undefined> {
    const [first] = await this.store.readStream(incidentPlanStream(planId), { maxCount: 1 });
    return first;
  }

  /**
   * Decides and appends a reaction on a plan's stream, caused by another service's event: in the
   * plan's tenant and unit (those of `place`), correlated by the plan's id; a redelivered cause
   * records nothing more: each event's id is derived from its cause and its type, and the store
   * keeps an event id once per stream.
   */
  async react(
    planId: string,
    place: { readonly tenantId: string; readonly branchId: string },
    command: (at: string) => IncidentPlanCommand,
    cause: RecordedEvent,
  ): Promise<CommandResult<IncidentPlanState>> {
    const at = this.clock.now().toISOString();
    const result = await handleCommand<IncidentPlanCommand, IncidentPlanEvent, IncidentPlanState>(
      this.store,
      this.registry,
      incidentPlanDecider,
      incidentPlanStream(planId),
      command(at),
      {
        occurredAt: at,
        tenantId: place.tenantId,
        branchId: place.branchId,
        correlationId: planId,
        causationId: cause.eventId,
        actor: ESCALATION_ACTOR,
      },
      {
        from: this.known.get(planId),
        maxAttempts: 5,
        envelopeOf: (event) => ({
          eventId: uuidv5(`${cause.eventId}:${event.type}`, REACTION_EVENT_NAMESPACE),
        }),
      },
    );
    this.remember(planId, result);
    return result;
  }

  private remember(planId: string, { state, revision, position }: CommandResult<IncidentPlanState>) {
    this.known.delete(planId);
    if (revision < 0) return;
    this.known.set(planId, { state, revision, position });
    if (this.known.size > KNOWN_PLANS) this.known.delete(this.known.keys().next().value!);
  }
}
