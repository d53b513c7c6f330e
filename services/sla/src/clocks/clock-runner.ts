import { Inject, Injectable } from '@nestjs/common';
import { type ComplaintReceived, intakeStream } from '@kesu/intake-contracts';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import {
  type Clock,
  type CommandMetadata,
  type CommandResult,
  type EventStore,
  handleCommand,
} from '@kesu/ports';
import { slaStream } from '@kesu/sla-contracts';
import {
  type ClockRules,
  nextTimerOf,
  rulesFor,
  type SlaClockCommand,
  slaClockDecider,
  type SlaClockState,
} from '@kesu/sla-domain';
import type { BusinessCalendar } from '@kesu/calendar';
import { SlaPolicies } from '../policy/sla-policies';
import { SLA_ACTOR, SLA_EVENTS } from '../sla-events';
import { SlaTimers } from './sla-timers';

/** What a command on a clock is built from: its state, and the rules and calendar of its complaint now. */
export interface ClockContext {
  readonly state: SlaClockState;
  readonly rules: ClockRules;
  readonly calendar: BusinessCalendar;
  /** The rules a (re)classification with this severity and category picks. */
  readonly reclassified: (severity: string | undefined, category: string) => ClockRules;
  readonly at: string;
}

/**
 * Runs commands on a complaint's clocks (`slaStream`): starts them from intake's ComplaintReceived
 * when an event about the complaint comes first, decides and appends at the stream's revision
 * (another replica's append makes this one decide again on the new state), and keeps the timer
 * index in step with the clock's next instant.
 */
@Injectable()
export class ClockRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SLA_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policies: SlaPolicies,
    private readonly timers: SlaTimers,
  ) {}

  /** Starts the complaint's clocks from its ComplaintReceived (once: the event is the cause). */
  async start(received: RecordedEvent): Promise<CommandResult<SlaClockState>> {
    const { data } = this.registry.toDomain<ComplaintReceived>(received);
    const { rules, calendar } = await this.policies.rulesOf(received.tenantId, {
      branchId: data.branchId,
      channel: data.channel,
    });
    const governmentDeadline = data.channelDetails?.governmentDeadline;
    return this.append(received, data.complaintId, {
      type: 'StartClock',
      complaintId: data.complaintId,
      branchId: data.branchId,
      channel: data.channel,
      rules,
      calendar,
      at: data.receivedAt,
      ...(governmentDeadline ? { governmentDeadline } : {}),
    });
  }

  /**
   * Decides `build`'s command on the complaint's clocks, caused by `cause` (an event id, or a
   * timer's own id). A complaint intake has not published yet changes nothing.
   */
  async run(
    complaintId: string,
    cause: Pick<RecordedEvent, 'eventId' | 'tenantId' | 'branchId'>,
    build: (context: ClockContext) => SlaClockCommand | null,
  ): Promise<CommandResult<SlaClockState> | undefined> {
    let state = await this.stateOf(complaintId);
    if (!state.started) {
      const [received] = await this.store.readStream(intakeStream(complaintId), { maxCount: 1 });
      if (received?.type !== 'ComplaintReceived') return undefined;
      state = (await this.start(received)).state;
    }
    const { policy, calendar } = await this.policies.policyOf(cause.tenantId);
    const { branchId, channel } = state;
    const rules = rulesFor(policy, { branchId, channel, severity: state.severity, category: state.category });
    const reclassified = (severity: string | undefined, category: string) =>
      rulesFor(policy, { branchId, channel, severity, category });
    const command = build({ state, rules, calendar, reclassified, at: this.clock.now().toISOString() });
    if (!command) return undefined;
    return this.append(cause, complaintId, command);
  }

  /** The complaint's clocks as their stream stands. */
  async stateOf(complaintId: string): Promise<SlaClockState> {
    const events = await this.store.readStream(slaStream(complaintId));
    return events.reduce(
      (s, e) => slaClockDecider.evolve(s, this.registry.toDomain(e)),
      slaClockDecider.initialState(),
    );
  }

  private async append(
    cause: Pick<RecordedEvent, 'eventId' | 'tenantId' | 'branchId'>,
    complaintId: string,
    command: SlaClockCommand,
  ): Promise<CommandResult<SlaClockState>> {
    const metadata: CommandMetadata = {
      occurredAt: this.clock.now().toISOString(),
      tenantId: cause.tenantId,
      branchId: cause.branchId,
      correlationId: complaintId,
      causationId: cause.eventId,
      actor: SLA_ACTOR,
    };
    const result = await handleCommand(
      this.store,
      this.registry,
      slaClockDecider,
      slaStream(complaintId),
      command,
      metadata,
      { maxAttempts: 5 },
    );
    await this.reschedule(complaintId, cause.tenantId, result.state);
    return result;
  }

  /** Keeps the timer index in step with the clocks' next instant. */
  async reschedule(complaintId: string, tenantId: string, state: SlaClockState): Promise<void> {
    if (state.started)
      await this.timers.schedule(
        { _id: complaintId, tenantId, branchId: state.branchId },
        nextTimerOf(state),
      );
  }

  /** The rules and calendar of a complaint's clocks now. */
  async rulesOf(
    tenantId: string,
    state: SlaClockState,
  ): Promise<{ rules: ClockRules; calendar: BusinessCalendar }> {
    const { branchId, channel, severity, category } = state;
    return this.policies.rulesOf(tenantId, { branchId, channel, severity, category });
  }
}
