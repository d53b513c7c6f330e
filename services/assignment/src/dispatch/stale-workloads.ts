import { isHeld, type WorkloadState } from '@kesu/assignment-domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { ComplaintAssignments } from './complaint-assignments';
import { ComplaintRecords } from './complaint-record';
import { DISPATCH_ACTOR } from './dispatch-events';
import { KeyedLocks } from './keyed-locks';
import { Workloads } from './workloads';

/** How long a take may wait for its complaint's event before it counts as left behind. */
export const STALE_AFTER_MS = 2 * 60_000;
/** How often this process looks again at a take it found in use. */
export const RECHECK_AFTER_MS = 10 * 60_000;

/**
 * Repairs workloads a stopped process left behind. A complaint is taken onto a workload before its
 * assignment event is recorded, and let go of after the event that hands it on; a process that
 * stops in between leaves the person holding a complaint they no longer hold, so that they look
 * busier than they are. Before dispatch chooses among people, each complaint their workloads have
 * held for a while is checked against its assignment stream (once, then again every ten minutes)
 * and let go of when the stream no longer names them. A complaint this process is working on is
 * left alone, and another process's take is seconds old.
 */
@Injectable()
export class StaleWorkloads {
  private readonly logger = new Logger(StaleWorkloads.name);
  /** Per person (`tenant/person`), when each complaint of their workload was last found in use. */
  private readonly checked = new Map<string, Map<string, number>>();

  constructor(
    private readonly workloads: Workloads,
    private readonly assignments: ComplaintAssignments,
    private readonly records: ComplaintRecords,
    private readonly locks: KeyedLocks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The people's workloads as stored, with the takes left behind let go of. */
  async of(tenantId: string, personIds: readonly string[]): Promise<Record<string, WorkloadState>> {
    const workloads = await this.workloads.of(tenantId, personIds);
    let released = false;
    for (const personId of personIds)
      for (const complaintId of this.due(tenantId, personId, workloads[personId]!))
        released = (await this.repair(tenantId, personId, complaintId)) || released;
    return released ? this.workloads.of(tenantId, personIds) : workloads;
  }

  /** The complaints of the workload old enough to look at and not looked at lately. */
  private due(tenantId: string, personId: string, workload: WorkloadState): string[] {
    const now = this.clock.now().getTime();
    const before = this.checked.get(`${tenantId}/${personId}`);
    const checked = new Map<string, number>();
    const due: string[] = [];
    for (const [complaintId, takenAt] of Object.entries(workload.takenAt)) {
      const at = before?.get(complaintId);
      if (at !== undefined) checked.set(complaintId, at);
      if (now - Date.parse(takenAt) < STALE_AFTER_MS) continue;
      if (this.locks.busy(`complaint:${complaintId}`)) continue;
      if (at === undefined || now - at >= RECHECK_AFTER_MS) due.push(complaintId);
    }
    // only the complaints the workload still holds are remembered
    this.checked.set(`${tenantId}/${personId}`, checked);
    return due;
  }

  /** Lets the complaint go from the person's workload unless its assignment names them; whether it did. */
  private async repair(tenantId: string, personId: string, complaintId: string): Promise<boolean> {
    const { state } = await this.assignments.load(complaintId);
    if (isHeld(state) && state.assigneeId === personId) {
      this.checked.get(`${tenantId}/${personId}`)?.set(complaintId, this.clock.now().getTime());
      return false;
    }
    const branchId = state.complaint?.branchId ?? (await this.records.of(complaintId))?.branchId;
    if (!branchId) return false;
    const causationId = `workload-repair:${tenantId}/${personId}/${complaintId}`;
    await this.workloads.release(tenantId, personId, complaintId, {
      branchId,
      causationId,
      actor: DISPATCH_ACTOR,
    });
    this.logger.warn(
      `let go of complaint ${complaintId} left on ${personId}'s workload (tenant ${tenantId})`,
    );
    return true;
  }
}
