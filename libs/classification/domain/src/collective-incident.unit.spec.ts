import {
  type CollectiveIncidentDetected,
  type CollectiveIncidentEvent,
} from '@kesu/classification-contracts';
import { DomainRuleViolation } from '@kesu/kernel';
import {
  type CollectiveIncidentState,
  evolveCollectiveIncident,
  INCIDENT_SAMPLE_SIZE,
  incidentMembers,
  initialCollectiveIncidentState,
} from './collective-incident';
import { decideJoin, decideMerge, decideRemoval } from './collective-incident-decider';

const detected: CollectiveIncidentDetected = {
  type: 'CollectiveIncidentDetected',
  data: {
    incidentId: 'i-1',
    tenantId: 't-1',
    branchId: 'b-1',
    target: 'branch b-1, category metering, subject "智能电表"',
    complaintIds: ['c1', 'c2', 'c3'],
    complainantCount: 7,
    windowStart: '2026-11-23T02:00:00.000Z',
    detectedAt: '2026-11-23T02:30:00.000Z',
  },
};

const AT = '2026-11-23T03:10:00.000Z';

const complaint = (complaintId: string, complainantCount = 1, minute = 0) => ({
  complaintId,
  complainantCount,
  receivedAt: `2026-11-23T03:${String(minute).padStart(2, '0')}:00.000Z`,
});

const given = (...events: CollectiveIncidentEvent[]): CollectiveIncidentState =>
  events.reduce(evolveCollectiveIncident, initialCollectiveIncidentState());

/** Joins the complaints one by one, as the service appends them; returns the events and the state. */
function joinAll(state: CollectiveIncidentState, ...ids: string[]) {
  const events: CollectiveIncidentEvent[] = [];
  for (const id of ids) {
    const event = decideJoin(state, complaint(id), AT);
    if (!event) continue;
    events.push(event);
    state = evolveCollectiveIncident(state, event);
  }
  return { events, state };
}

describe('collective incident', () => {
  it('starts as detected, with its size and nothing joined', () => {
    expect(given(detected)).toEqual({
      ...detected.data,
      complaintCount: 3,
      lastJoinedAt: null,
      mergedInto: null,
      mergedAt: null,
      removedComplaintIds: [],
    });
  });

  it('grows by a complaint that joins: the joining complaint and the totals after it, no member list', () => {
    const c4 = decideJoin(given(detected), complaint('c4', 1, 0), AT)!;
    expect(c4).toEqual({
      type: 'ComplaintJoinedCollectiveIncident',
      data: {
        incidentId: 'i-1',
        tenantId: 't-1',
        branchId: 'b-1',
        complaintId: 'c4',
        receivedAt: '2026-11-23T03:00:00.000Z',
        joiningComplainantCount: 1,
        complaintCount: 4,
        complainantCount: 8,
        joinedAt: AT,
      },
    });
    // a complaint speaks for at least one person
    const c5 = decideJoin(given(detected, c4), complaint('c5', 0, 1), AT)!;
    expect(c5.data).toMatchObject({
      complaintId: 'c5',
      joiningComplainantCount: 1,
      complaintCount: 5,
      complainantCount: 9,
    });
    expect(given(detected, c4, c5)).toEqual({
      ...detected.data,
      complaintIds: ['c1', 'c2', 'c3', 'c4', 'c5'],
      complaintCount: 5,
      complainantCount: 9,
      lastJoinedAt: AT,
      mergedInto: null,
      mergedAt: null,
      removedComplaintIds: [],
    });
  });

  it('lets a complaint the incident names join no more, and nothing join an incident not detected', () => {
    const { state } = joinAll(given(detected), 'c4');
    expect(decideJoin(state, complaint('c4'), AT)).toBeNull();
    expect(decideJoin(state, complaint('c2'), AT)).toBeNull();
    expect(decideJoin(given(), complaint('c4'), AT)).toBeNull();
  });

  it('keeps a bounded sample of members however many join, counting them all', () => {
    const ids = Array.from({ length: 2 * INCIDENT_SAMPLE_SIZE }, (_, i) => `j${i}`);
    const { events, state } = joinAll(given(detected), ...ids);
    expect(events).toHaveLength(ids.length);
    expect(state!.complaintIds).toEqual(['c1', 'c2', 'c3', ...ids.slice(0, INCIDENT_SAMPLE_SIZE - 3)]);
    expect(state).toMatchObject({ complaintCount: 3 + ids.length, complainantCount: 7 + ids.length });
    expect(events.at(-1)!.data).toMatchObject({ complaintCount: 3 + ids.length });
    expect(JSON.stringify(events.at(-1)).length).toBeLessThan(400);
  });
});

describe('merging collective incidents', () => {
  const other: CollectiveIncidentDetected = {
    type: 'CollectiveIncidentDetected',
    data: {
      ...detected.data,
      incidentId: 'i-2',
      complaintIds: ['d1', 'd2', 'd3', 'd4', 'd5'],
      complainantCount: 5,
    },
  };
  const merge = (state: CollectiveIncidentState, into: CollectiveIncidentState) =>
    decideMerge(state, { into, reason: '同一批智能电表', by: 'supervisor1', at: AT });
  const violation = (state: CollectiveIncidentState, into: CollectiveIncidentState) => {
    try {
      merge(state, into);
    } catch (error) {
      return error instanceof DomainRuleViolation ? error.code : String(error);
    }
    return 'none';
  };

  it('merges one incident into another, with its totals, who and why; it then takes no joins', () => {
    const { state } = joinAll(given(detected), 'c4');
    const merged = merge(state, given(other))!;
    expect(merged).toEqual({
      type: 'CollectiveIncidentMerged',
      data: {
        incidentId: 'i-1',
        tenantId: 't-1',
        branchId: 'b-1',
        intoIncidentId: 'i-2',
        complaintCount: 4,
        complainantCount: 8,
        reason: '同一批智能电表',
        mergedBy: 'supervisor1',
        mergedAt: AT,
      },
    });
    const after = evolveCollectiveIncident(state, merged);
    expect(after).toMatchObject({ mergedInto: 'i-2', mergedAt: AT, complaintCount: 4 });
    expect(decideJoin(after, complaint('c9'), AT)).toBeNull();
    // merged into the same incident again: nothing more
    expect(merge(after, given(other))).toBeNull();
  });

  it('refuses a merge into itself, of an incident merged elsewhere, and into a merged incident', () => {
    const third = given({ ...other, data: { ...other.data, incidentId: 'i-3' } });
    const merged = evolveCollectiveIncident(given(detected), merge(given(detected), given(other))!);
    expect(violation(given(detected), given(detected))).toBe('incident.merge_into_itself');
    expect(violation(merged, third)).toBe('incident.already_merged');
    expect(violation(third, merged)).toBe('incident.target_merged');
    expect(violation(given(detected), given({ ...other, data: { ...other.data, tenantId: 't-2' } }))).toMatch(
      /one tenant/,
    );
  });

  it('lists every member once: those it was detected with, then those that joined, with their counts', () => {
    const { events } = joinAll(given(detected), 'c4', 'c2', 'c5');
    expect(incidentMembers([detected, ...events])).toEqual([
      { complaintId: 'c1' },
      { complaintId: 'c2' },
      { complaintId: 'c3' },
      { complaintId: 'c4', complainantCount: 1, receivedAt: '2026-11-23T03:00:00.000Z' },
      { complaintId: 'c5', complainantCount: 1, receivedAt: '2026-11-23T03:00:00.000Z' },
    ]);
  });
});

describe('taking a complaint out of a collective incident', () => {
  const removal = (state: CollectiveIncidentState, complaintId: string, complainantCount = 1) =>
    decideRemoval(state, { complaintId, complainantCount, reason: '与电表无关', by: 'supervisor1', at: AT });

  it('records the totals after it, who and why; the complaint never joins again', () => {
    const { state, events } = joinAll(given(detected), 'c4');
    const removed = removal(state, 'c2', 4)!;
    expect(removed).toEqual({
      type: 'ComplaintRemovedFromCollectiveIncident',
      data: {
        incidentId: 'i-1',
        tenantId: 't-1',
        branchId: 'b-1',
        complaintId: 'c2',
        leavingComplainantCount: 4,
        complaintCount: 3,
        complainantCount: 4,
        reason: '与电表无关',
        removedBy: 'supervisor1',
        removedAt: AT,
      },
    });
    const after = evolveCollectiveIncident(state, removed);
    expect(after).toMatchObject({
      complaintIds: ['c1', 'c3', 'c4'],
      complaintCount: 3,
      complainantCount: 4,
      removedComplaintIds: ['c2'],
    });
    expect(decideJoin(after, complaint('c2'), AT)).toBeNull();
    expect(removal(after, 'c2')).toBeNull();
    expect(incidentMembers([detected, ...events, removed]).map((m) => m.complaintId)).toEqual([
      'c1',
      'c3',
      'c4',
    ]);
  });

  it('counts a complaint as at least one person, and refuses a removal from a merged incident', () => {
    expect(removal(given(detected), 'c1', 0)!.data).toMatchObject({
      leavingComplainantCount: 1,
      complainantCount: 6,
    });
    const into = given({ ...detected, data: { ...detected.data, incidentId: 'i-2' } });
    const merge = decideMerge(given(detected), { into, reason: 'same', by: 'supervisor1', at: AT })!;
    const merged = evolveCollectiveIncident(given(detected), merge);
    expect(() => removal(merged, 'c1')).toThrow(DomainRuleViolation);
  });
});
