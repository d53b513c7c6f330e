import { fold } from '@kesu/kernel';
import type { CollectiveIncidentDetected, CollectiveIncidentEvent } from './classification';
import {
  collectiveIncidentDecider,
  decideCollectiveIncident,
  type JoinCollectiveIncident,
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

const join = (...complaints: [string, number][]): JoinCollectiveIncident => ({
  type: 'JoinCollectiveIncident',
  complaints: complaints.map(([complaintId, complainantCount], i) => ({
    complaintId,
    complainantCount,
    receivedAt: `2026-11-23T03:0${i}:00.000Z`,
  })),
  at: '2026-11-23T03:10:00.000Z',
});

const given = (...events: CollectiveIncidentEvent[]) => fold(collectiveIncidentDecider, events);

describe('collective incident', () => {
  it('starts as detected, with its size and nothing joined', () => {
    expect(given(detected)).toEqual({ ...detected.data, complaintCount: 3, lastJoinedAt: null });
  });

  it('grows by the complaints that join, one event each, counting at least one person per complaint', () => {
    const events = decideCollectiveIncident(join(['c4', 1], ['c5', 0]), given(detected));
    expect(events).toEqual([
      {
        type: 'ComplaintJoinedCollectiveIncident',
        data: {
          incidentId: 'i-1',
          tenantId: 't-1',
          branchId: 'b-1',
          complaintId: 'c4',
          receivedAt: '2026-11-23T03:00:00.000Z',
          complaintIds: ['c1', 'c2', 'c3', 'c4'],
          complainantCount: 8,
          joinedAt: '2026-11-23T03:10:00.000Z',
        },
      },
      {
        type: 'ComplaintJoinedCollectiveIncident',
        data: expect.objectContaining({
          complaintId: 'c5',
          complaintIds: ['c1', 'c2', 'c3', 'c4', 'c5'],
          complainantCount: 9,
        }),
      },
    ]);
    expect(given(detected, ...events)).toMatchObject({
      complaintIds: ['c1', 'c2', 'c3', 'c4', 'c5'],
      complaintCount: 5,
      complainantCount: 9,
      lastJoinedAt: '2026-11-23T03:10:00.000Z',
    });
  });

  it('lets a complaint join once: members and repeats in the command add nothing', () => {
    const state = given(detected, ...decideCollectiveIncident(join(['c4', 1]), given(detected)));
    expect(decideCollectiveIncident(join(['c4', 1], ['c2', 1]), state)).toEqual([]);
    expect(decideCollectiveIncident(join(['c6', 2], ['c6', 2]), state)).toHaveLength(1);
  });

  it('joins nothing to an incident not detected', () => {
    expect(decideCollectiveIncident(join(['c4', 1]), given())).toEqual([]);
  });
});
