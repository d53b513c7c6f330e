import type { WorkloadEvent } from '@kesu/assignment-contracts';
import { DomainRuleViolation, fold } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { type WorkloadCommand, workloadDecider } from './workload';

const spec = DeciderSpecification.for(workloadDecider);
const at = '2026-11-23T02:00:00.000Z';
const tenantId = 'demo';
const personId = 'user-handler1';

const take = (complaintId: string, capacity = 2): WorkloadCommand => ({
  type: 'TakeWorkload',
  tenantId,
  personId,
  complaintId,
  severity: 'major',
  capacity,
  at,
});
const release = (complaintId: string): WorkloadCommand => ({
  type: 'ReleaseWorkload',
  tenantId,
  personId,
  complaintId,
  at,
});
const taken = (complaintId: string): WorkloadEvent => ({
  type: 'WorkloadTaken',
  data: { tenantId, personId, complaintId, severity: 'major', takenAt: at },
});
const released = (complaintId: string): WorkloadEvent => ({
  type: 'WorkloadReleased',
  data: { tenantId, personId, complaintId, releasedAt: at },
});

describe('a person’s workload holds their capacity', () => {
  it('takes a complaint on below capacity', () => {
    spec
      .given([taken('c1')])
      .when(take('c2'))
      .then([taken('c2')]);
  });

  it('refuses one more at capacity, naming it', () => {
    spec
      .given([taken('c1'), taken('c2')])
      .when(take('c3'))
      .thenThrows(
        DomainRuleViolation,
        (e) => e.code === 'workload.at_capacity' && /capacity of 2/.test(e.message),
      );
  });

  it('takes one on again once another was let go', () => {
    spec
      .given([taken('c1'), taken('c2'), released('c1')])
      .when(take('c3'))
      .then([taken('c3')]);
  });

  it('records nothing when taking one it holds or letting go of one it does not', () => {
    spec
      .given([taken('c1'), taken('c2')])
      .when(take('c1'))
      .thenNothingHappens();
    spec
      .given([taken('c1')])
      .when(release('c2'))
      .thenNothingHappens();
    spec
      .given([taken('c1'), released('c1')])
      .when(release('c1'))
      .thenNothingHappens();
  });

  it('lets a complaint go', () => {
    spec
      .given([taken('c1')])
      .when(release('c1'))
      .then([released('c1')]);
  });

  it('keeps when each open complaint was taken on, until it is let go', () => {
    const later: WorkloadEvent = {
      type: 'WorkloadTaken',
      data: { tenantId, personId, complaintId: 'c2', severity: 'major', takenAt: '2026-11-23T03:00:00.000Z' },
    };
    const state = fold(workloadDecider, [taken('c1'), later, released('c1')]);
    expect(state.takenAt).toEqual({ c2: '2026-11-23T03:00:00.000Z' });
    expect(state.lastTakenAt).toBe('2026-11-23T03:00:00.000Z');
  });
});
