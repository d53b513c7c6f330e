import type { WorkloadEvent } from '@kesu/assignment-contracts';
import type { Severity } from '@kesu/classification-contracts';
import { assertNever, type Decider, DomainRuleViolation } from '@kesu/kernel';

// ---------------------------------------------------------------- state

/** One person's open workload: the complaints they hold, each with its severity. */
export interface WorkloadState {
  readonly open: Readonly<Record<string, Severity>>;
  /** When they took each open complaint on. */
  readonly takenAt: Readonly<Record<string, string>>;
  /** When they last took a complaint on (null: never). */
  readonly lastTakenAt: string | null;
}

export const emptyWorkload = (): WorkloadState => ({ open: {}, takenAt: {}, lastTakenAt: null });

/** How many complaints the person holds, leaving out `except` (the complaint being decided). */
export const openCount = (state: WorkloadState, except?: string): number =>
  Object.keys(state.open).filter((id) => id !== except).length;

/** Their open complaints, each weighted by its severity, leaving out `except`. */
export function weightedLoad(
  state: WorkloadState,
  weights: Readonly<Record<Severity, number>>,
  except?: string,
): number {
  let load = 0;
  for (const [id, severity] of Object.entries(state.open)) if (id !== except) load += weights[severity];
  return load;
}

export function evolveWorkload(state: WorkloadState, event: WorkloadEvent): WorkloadState {
  switch (event.type) {
    case 'WorkloadTaken': {
      const { complaintId, severity, takenAt } = event.data;
      return {
        open: { ...state.open, [complaintId]: severity },
        takenAt: { ...state.takenAt, [complaintId]: takenAt },
        lastTakenAt: takenAt,
      };
    }
    case 'WorkloadReleased': {
      const { [event.data.complaintId]: _released, ...open } = state.open;
      const { [event.data.complaintId]: _since, ...takenAt } = state.takenAt;
      return { ...state, open, takenAt };
    }
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- commands

/** Take a complaint on, within the person's capacity (their directory entry's, passed in). */
export interface TakeWorkload {
  readonly type: 'TakeWorkload';
  readonly tenantId: string;
  readonly personId: string;
  readonly complaintId: string;
  readonly severity: Severity;
  readonly capacity: number;
  readonly at: string;
}

/** Let a complaint go: it was handed on, returned, closed or withdrawn. */
export interface ReleaseWorkload {
  readonly type: 'ReleaseWorkload';
  readonly tenantId: string;
  readonly personId: string;
  readonly complaintId: string;
  readonly at: string;
}

export type WorkloadCommand = TakeWorkload | ReleaseWorkload;

/**
 * A complaint is taken on only below the person's capacity (409 `workload.at_capacity`); taking one
 * they hold, or letting go of one they do not, records nothing.
 */
export function decideWorkload(command: WorkloadCommand, state: WorkloadState): WorkloadEvent[] {
  const { tenantId, personId, complaintId, at } = command;
  const holds = complaintId in state.open;
  switch (command.type) {
    case 'TakeWorkload': {
      if (holds) return [];
      if (openCount(state) >= command.capacity)
        throw new DomainRuleViolation(
          'workload.at_capacity',
          `${personId} holds ${openCount(state)} open complaints, their capacity of ${command.capacity}`,
        );
      const data = { tenantId, personId, complaintId, severity: command.severity, takenAt: at };
      return [{ type: 'WorkloadTaken', data }];
    }
    case 'ReleaseWorkload':
      return holds
        ? [{ type: 'WorkloadReleased', data: { tenantId, personId, complaintId, releasedAt: at } }]
        : [];
    default:
      return assertNever(command);
  }
}

/** A person's workload: the aggregate that holds their capacity. */
export const workloadDecider: Decider<WorkloadCommand, WorkloadEvent, WorkloadState> = {
  decide: decideWorkload,
  evolve: evolveWorkload,
  initialState: emptyWorkload,
};
