import type { CollectiveIncidentDetected, CollectiveIncidentEvent } from './classification';
import {
  type CollectiveIncidentState,
  decideJoin,
  evolveCollectiveIncident,
  INCIDENT_SAMPLE_SIZE,
  initialCollectiveIncidentState,
} from './collective-incident';

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
    expect(given(detected)).toEqual({ ...detected.data, complaintCount: 3, lastJoinedAt: null });
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
