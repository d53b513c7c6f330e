import {
  type CollectiveIncidentDetected,
  type CollectiveIncidentEvent,
  type CollectiveIncidentMerged,
  type ComplaintJoinedCollectiveIncident,
} from '@kesu/classification-contracts';
import { DomainRuleViolation, NotFoundError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { type CollectiveCluster } from './collective-detection';
import { evolveCollectiveIncident, initialCollectiveIncidentState } from './collective-incident';
import {
  collectiveIncidentDecider,
  type JoinIncident,
  type MergeIncident,
  type RemoveMember,
} from './collective-incident-decider';

const AT = '2026-11-23T03:10:00.000Z';
const spec = DeciderSpecification.for(collectiveIncidentDecider);

const cluster: CollectiveCluster = {
  incidentId: 'i-1',
  tenantId: 't-1',
  branchId: 'b-1',
  category: 'metering',
  target: 'branch b-1, category metering, subject "智能电表"',
  targetKey: 'b-1|metering|智能电表',
  complaintIds: ['c1', 'c2', 'c3'],
  complainantCount: 7,
  windowStart: '2026-11-23T02:00:00.000Z',
  windowEnd: '2026-11-23T02:40:00.000Z',
  reason: 'many_complaints',
  sharedTerms: ['智能', '电表'],
};

const detected: CollectiveIncidentDetected = {
  type: 'CollectiveIncidentDetected',
  data: {
    incidentId: 'i-1',
    tenantId: 't-1',
    branchId: 'b-1',
    target: cluster.target,
    complaintIds: ['c1', 'c2', 'c3'],
    complainantCount: 7,
    windowStart: cluster.windowStart,
    detectedAt: AT,
  },
};
const other: CollectiveIncidentDetected = {
  type: 'CollectiveIncidentDetected',
  data: {
    ...detected.data,
    incidentId: 'i-2',
    complaintIds: ['d1', 'd2', 'd3', 'd4', 'd5'],
    complainantCount: 5,
  },
};

const joined = (complaintId: string, complaintCount: number, complainantCount: number, people = 1) =>
  ({
    type: 'ComplaintJoinedCollectiveIncident',
    data: {
      incidentId: 'i-1',
      tenantId: 't-1',
      branchId: 'b-1',
      complaintId,
      receivedAt: '2026-11-23T03:00:00.000Z',
      joiningComplainantCount: people,
      complaintCount,
      complainantCount,
      joinedAt: AT,
    },
  }) satisfies ComplaintJoinedCollectiveIncident;

const join = (...complaints: [string, number?][]): JoinIncident => ({
  type: 'JoinIncident',
  complaints: complaints.map(([complaintId, complainantCount = 1]) => ({
    complaintId,
    complainantCount,
    receivedAt: '2026-11-23T03:00:00.000Z',
  })),
  at: AT,
});

const stateOf = (...events: CollectiveIncidentEvent[]) =>
  events.reduce(evolveCollectiveIncident, initialCollectiveIncidentState());

const merge = (into: CollectiveIncidentEvent[]): MergeIncident => ({
  type: 'MergeIncident',
  into: stateOf(...into),
  reason: '同一批智能电表',
  by: 'user-supervisor1',
  at: AT,
});

const mergedInto2: CollectiveIncidentMerged = {
  type: 'CollectiveIncidentMerged',
  data: {
    incidentId: 'i-1',
    tenantId: 't-1',
    branchId: 'b-1',
    intoIncidentId: 'i-2',
    complaintCount: 3,
    complainantCount: 7,
    reason: '同一批智能电表',
    mergedBy: 'user-supervisor1',
    mergedAt: AT,
  },
};

const removal = (complaintId: string, member = true, complainantCount = 1): RemoveMember => ({
  type: 'RemoveMember',
  complaintId,
  member,
  complainantCount,
  reason: '与电表无关',
  by: 'user-supervisor1',
  at: AT,
});

describe('RecordIncident', () => {
  it('records the cluster detection found, once', () => {
    spec.given([]).when({ type: 'RecordIncident', cluster, at: AT }).then([detected]);
  });

  it('records nothing for an incident its stream holds already', () => {
    spec.given([detected]).when({ type: 'RecordIncident', cluster, at: AT }).thenNothingHappens();
  });
});

describe('JoinIncident', () => {
  it('joins each complaint in turn, with the totals after it (at least one person each)', () => {
    spec
      .given([detected])
      .when(join(['c4', 3], ['c5', 0]))
      .then([joined('c4', 4, 10, 3), joined('c5', 5, 11)]);
  });

  it('leaves out members, complaints named twice, and complaints people took out', () => {
    spec
      .given([detected, joined('c4', 4, 8)])
      .when(join(['c2'], ['c4'], ['c6'], ['c6']))
      .then([joined('c6', 5, 9)]);
    const removed = collectiveIncidentDecider.decide(removal('c6'), stateOf(detected, joined('c6', 4, 8)));
    spec
      .given([detected, joined('c6', 4, 8), ...removed])
      .when(join(['c6']))
      .thenNothingHappens();
  });

  it('joins nothing to an incident not detected, or merged into another', () => {
    spec
      .given([])
      .when(join(['c4']))
      .thenNothingHappens();
    spec
      .given([detected, mergedInto2])
      .when(join(['c4']))
      .thenNothingHappens();
  });
});

describe('MergeIncident', () => {
  it('merges the incident into another, with its totals, who and why', () => {
    spec
      .given([detected])
      .when(merge([other]))
      .then([mergedInto2]);
  });

  it('records nothing when merged into that incident already', () => {
    spec
      .given([detected, mergedInto2])
      .when(merge([other]))
      .thenNothingHappens();
  });

  it('refuses a merge into itself, of a merged incident elsewhere, and into a merged incident', () => {
    const code = (expected: string) => (error: DomainRuleViolation) => error.code === expected;
    spec
      .given([detected])
      .when(merge([detected]))
      .thenThrows(DomainRuleViolation, code('incident.merge_into_itself'));
    const third = { ...other, data: { ...other.data, incidentId: 'i-3' } };
    spec
      .given([detected, mergedInto2])
      .when(merge([third]))
      .thenThrows(DomainRuleViolation, code('incident.already_merged'));
    spec
      .given([third])
      .when(merge([detected, mergedInto2]))
      .thenThrows(DomainRuleViolation, code('incident.target_merged'));
  });
});

describe('RemoveMember', () => {
  it('takes a member out with the totals after it, who and why', () => {
    spec
      .given([detected, joined('c4', 4, 10, 3)])
      .when(removal('c4', true, 3))
      .then([
        {
          type: 'ComplaintRemovedFromCollectiveIncident',
          data: {
            incidentId: 'i-1',
            tenantId: 't-1',
            branchId: 'b-1',
            complaintId: 'c4',
            leavingComplainantCount: 3,
            complaintCount: 3,
            complainantCount: 7,
            reason: '与电表无关',
            removedBy: 'user-supervisor1',
            removedAt: AT,
          },
        },
      ]);
  });

  it('records nothing for a complaint taken out already, member or not by now', () => {
    const removed = collectiveIncidentDecider.decide(removal('c2'), stateOf(detected));
    spec
      .given([detected, ...removed])
      .when(removal('c2'))
      .thenNothingHappens();
    spec
      .given([detected, ...removed])
      .when(removal('c2', false))
      .thenNothingHappens();
  });

  it('answers not found for a complaint that is not a member, or an incident never detected', () => {
    spec
      .given([detected])
      .when(removal('x9', false))
      .thenThrows(
        NotFoundError,
        (e) => e.code === 'incident.member_not_found' && /not a member/.test(e.message),
      );
    spec.given([]).when(removal('c1', false)).thenThrows(NotFoundError);
  });

  it('refuses a removal from a merged incident: its complaints are the other one’s', () => {
    spec
      .given([detected, mergedInto2])
      .when(removal('c1'))
      .thenThrows(DomainRuleViolation, (e) => e.code === 'incident.merged');
  });
});
