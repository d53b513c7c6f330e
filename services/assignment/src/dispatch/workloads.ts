import { type WorkloadEvent, workloadStream } from '@kesu/assignment-contracts';
import {
  emptyWorkload,
  type WorkloadCommand,
  workloadDecider,
  type WorkloadState,
} from '@kesu/assignment-domain';
import type { Severity } from '@kesu/classification-contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, EventTypeRegistry } from '@kesu/kernel';
import { CLOCK, EVENT_STORE } from '@kesu/platform';
import { type Clock, type EventStore, handleCommand, type KnownState } from '@kesu/ports';
import { DISPATCH_EVENTS } from './dispatch-events';

/** Why a workload changes: the complaint's branch, the cause and who acts (the envelope of its event). */
export interface WorkloadCause {
  readonly branchId: string;
  readonly causationId: string;
  readonly actor: Actor;
}

/** The person's workload stream's id without its category: its events' correlation id. */
const correlationOf = (streamId: string) => streamId.slice(streamId.indexOf('-') + 1);

/**
 * People's open workloads, each on its own stream (`assignment-workload-<tenant>-<person>`), which
 * holds their capacity. The process keeps every workload it read, folded, and reads only the events
 * recorded since on the next look (another process may have written them); a take is appended at
 * the revision the choice was made on, so a choice made on a workload that moved meanwhile is
 * refused (StaleRevisionError) and made again.
 */
@Injectable()
export class Workloads {
  private readonly known = new Map<string, KnownState<WorkloadState>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DISPATCH_EVENTS) private readonly registry: EventTypeRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The workloads of these people as stored now, by person id. */
  async of(tenantId: string, personIds: readonly string[]): Promise<Record<string, WorkloadState>> {
    const states = await Promise.all(personIds.map((id) => this.current(tenantId, id)));
    return Object.fromEntries(personIds.map((id, i) => [id, states[i]!.state]));
  }

  /**
   * Takes a complaint onto the person's workload at the revision last read (`of`): refused when it
   * moved since (StaleRevisionError) or they are at capacity (`workload.at_capacity`).
   */
  async take(
    tenantId: string,
    personId: string,
    taking: { complaintId: string; severity: Severity; capacity: number },
    cause: WorkloadCause,
  ): Promise<void> {
    const streamId = workloadStream(tenantId, personId);
    const from = this.known.get(streamId) ?? (await this.current(tenantId, personId));
    const command: WorkloadCommand = { type: 'TakeWorkload', tenantId, personId, ...taking, at: this.now() };
    await this.handle(streamId, command, cause, { from, expectedRevision: from.revision });
  }

  /** Lets a complaint go from the person's workload (nothing when they do not hold it). */
  async release(
    tenantId: string,
    personId: string,
    complaintId: string,
    cause: WorkloadCause,
  ): Promise<void> {
    const streamId = workloadStream(tenantId, personId);
    const from = await this.current(tenantId, personId);
    const command: WorkloadCommand = {
      type: 'ReleaseWorkload',
      tenantId,
      personId,
      complaintId,
      at: this.now(),
    };
    await this.handle(streamId, command, cause, { from, maxAttempts: 10 });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async handle(
    streamId: string,
    command: WorkloadCommand,
    cause: WorkloadCause,
    options: { from: KnownState<WorkloadState>; expectedRevision?: number; maxAttempts?: number },
  ): Promise<void> {
    try {
      const result = await handleCommand<WorkloadCommand, WorkloadEvent, WorkloadState>(
        this.store,
        this.registry,
        workloadDecider,
        streamId,
        command,
        {
          occurredAt: command.at,
          tenantId: command.tenantId,
          branchId: cause.branchId,
          correlationId: correlationOf(streamId),
          causationId: cause.causationId,
          actor: cause.actor,
        },
        options,
      );
      this.remember(streamId, { state: result.state, revision: result.revision });
    } catch (error) {
      this.known.delete(streamId);
      throw error;
    }
  }

  /** The workload with the events recorded since it was last read. */
  private async current(tenantId: string, personId: string): Promise<KnownState<WorkloadState>> {
    const streamId = workloadStream(tenantId, personId);
    const known = this.known.get(streamId) ?? { state: emptyWorkload(), revision: -1 };
    const newer = await this.store.readStream(streamId, { fromRevision: known.revision + 1 });
    if (newer.length === 0) return known;
    const state = newer
      .map((e) => this.registry.toDomain<WorkloadEvent>(e))
      .reduce(workloadDecider.evolve, known.state);
    const caught = { state, revision: newer.at(-1)!.revision };
    this.remember(streamId, caught);
    return caught;
  }

  private remember(streamId: string, state: KnownState<WorkloadState>): void {
    const known = this.known.get(streamId);
    if (!known || known.revision <= state.revision) this.known.set(streamId, state);
  }
}
