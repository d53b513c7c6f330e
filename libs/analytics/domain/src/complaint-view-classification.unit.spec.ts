import {
  type CollectiveIncidentDetectedData,
  type CollectiveIncidentMergedData,
  type ComplaintRemovedFromCollectiveIncidentData,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintReclassifiedData,
} from '@kesu/classification-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { complaintViewHandles, complaintViewIds, evolveComplaintView } from './complaint-view-evolve';
import { classifiedData, event, fold, recorded } from './complaint-view.test-support';

describe('complaint view', () => {
  it("shows the classifier's decision", () => {
    expect(fold(recorded('ComplaintClassified', classifiedData)).classification).toEqual({
      category: 'billing',
      severity: 'major',
      scope: 'collective',
      confidence: 0.82,
      nature: 'effective',
      signals: ['government_petition'],
      needsHumanReview: false,
      departmentId: 'billing-dept',
      decidedBy: 'model',
      classifiedAt: '2026-11-23T02:00:01.000Z',
    });
  });

  it("shows a handler's correction over the classifier's decision, keeping what it left alone", () => {
    const correction: ComplaintReclassifiedData = {
      complaintId: 'c-1',
      category: 'metering',
      severity: 'critical',
      previousCategory: 'billing',
      reason: '电表计量问题',
      reclassifiedBy: 'handler1',
      reclassifiedAt: '2026-11-23T03:00:00.000Z',
    };
    const view = fold(
      recorded('ComplaintClassified', { ...classifiedData, needsHumanReview: true }),
      recorded('ComplaintReclassified', correction),
    );
    expect(view.classification).toEqual({
      category: 'metering',
      severity: 'critical',
      scope: 'collective',
      confidence: 1,
      nature: 'effective',
      signals: ['government_petition'],
      needsHumanReview: false,
      departmentId: null,
      decidedBy: 'human',
      classifiedAt: '2026-11-23T03:00:00.000Z',
    });
    expect(view.eventCount).toBe(3);
  });

  it("leaves the intake stream's revision to intake's events", () => {
    const accepted = event('ComplaintAccepted', { complaintId: 'c-1', acceptedAt: '2026-11-23T02:04:00Z' });
    const view = fold(accepted, recorded('ComplaintClassified', classifiedData));
    expect(view).toMatchObject({ intakeRevision: 1, eventCount: 3 });
  });

  describe('collective incident', () => {
    /** An event of incident i-1's stream: the detection at revision 0, a join at `revision`. */
    const incidentEvent = (type: string, payload: unknown, minute: number, revision = 1): RecordedEvent => ({
      ...recorded(type, payload, minute),
      correlationId: 'i-1',
      streamId: 'classification-incident-i-1',
      revision: type === 'CollectiveIncidentDetected' ? 0 : revision,
    });
    const detected: CollectiveIncidentDetectedData = {
      incidentId: 'i-1',
      tenantId: 'demo',
      branchId: 'west-2',
      target: 'branch west-2, category metering, subject "智能电表"',
      complaintIds: ['c-0', 'c-1', 'c-2'],
      complainantCount: 22,
      windowStart: '2026-11-23T01:50:00.000Z',
      detectedAt: '2026-11-23T02:05:00.000Z',
    };
    /** A join to the incident detected with three complaints by 22 people, each later one by one. */
    const joined = (complaintId: string, complaintCount: number, joinedAt: string) => {
      const joinedData: ComplaintJoinedCollectiveIncidentData = {
        incidentId: 'i-1',
        tenantId: 'demo',
        branchId: 'west-2',
        complaintId,
        receivedAt: joinedAt,
        joiningComplainantCount: 1,
        complaintCount,
        complainantCount: 19 + complaintCount,
        joinedAt,
      };
      return joinedData;
    };

    it('targets the complaints a detection names, the joining complaint of a join, and a complaint event its own view', () => {
      expect(complaintViewIds(incidentEvent('CollectiveIncidentDetected', detected, 5))).toEqual([
        'c-0',
        'c-1',
        'c-2',
      ]);
      const join = joined('c-3', 4, '2026-11-23T02:20:00.000Z');
      expect(complaintViewIds(incidentEvent('ComplaintJoinedCollectiveIncident', join, 20))).toEqual(['c-3']);
      expect(complaintViewIds(recorded('ComplaintClassified', {}))).toEqual(['c-1']);
    });

    it('shows the incident a member was detected in, as of its detection: later joins leave its view alone', () => {
      const view = fold(
        incidentEvent('CollectiveIncidentDetected', detected, 5),
        incidentEvent('ComplaintJoinedCollectiveIncident', joined('c-3', 4, '2026-11-23T02:20:00.000Z'), 20),
      );
      expect(view.collectiveIncident).toEqual({
        incidentId: 'i-1',
        complaintCount: 3,
        complainantCount: 22,
        joinedAt: '2026-11-23T02:05:00.000Z',
        revision: 0,
      });
      expect(view.eventCount).toBe(2);
    });

    it('shows when a complaint that joined later joined, with the totals after its joining', () => {
      const join = joined('c-1', 4, '2026-11-23T02:20:00.000Z');
      const event = incidentEvent('ComplaintJoinedCollectiveIncident', join, 20, 7);
      expect(fold(event).collectiveIncident).toEqual({
        incidentId: 'i-1',
        complaintCount: 4,
        complainantCount: 23,
        joinedAt: '2026-11-23T02:20:00.000Z',
        revision: 7,
      });
    });

    it('shows the classification as recorded: the classifier, not the view, decides what membership means', () => {
      const alone = { ...classifiedData, scope: 'individual' as const, severity: 'general' as const };
      const together = { ...classifiedData, scope: 'collective' as const, severity: 'major' as const };
      const detectedEvent = incidentEvent('CollectiveIncidentDetected', detected, 5);
      const member = fold(recorded('ComplaintClassified', alone, 2), detectedEvent);
      expect(member.classification).toMatchObject({ scope: 'individual', severity: 'general' });
      expect(member.collectiveIncident).toMatchObject({ incidentId: 'i-1' });
      const again = fold(
        recorded('ComplaintClassified', alone, 2),
        detectedEvent,
        recorded('ComplaintClassified', together, 9),
      );
      expect(again.classification).toMatchObject({ scope: 'collective', severity: 'major' });
    });

    it('moves to the incident its own was merged into: the join there is its membership now', () => {
      const merged: CollectiveIncidentMergedData = {
        incidentId: 'i-1',
        tenantId: 'demo',
        branchId: 'west-2',
        intoIncidentId: 'i-2',
        complaintCount: 3,
        complainantCount: 22,
        reason: '同一批智能电表',
        mergedBy: 'user-supervisor1',
        mergedAt: '2026-11-23T03:00:00.000Z',
      };
      // the merge names no complaint: the view does not take it
      expect(complaintViewHandles).not.toContain('CollectiveIncidentMerged');
      const moved = {
        ...joined('c-1', 9, '2026-11-23T03:01:00.000Z'),
        incidentId: 'i-2',
        complainantCount: 40,
      };
      const view = fold(incidentEvent('CollectiveIncidentDetected', detected, 5), {
        ...incidentEvent('ComplaintJoinedCollectiveIncident', moved, 61, 6),
        correlationId: 'i-2',
      });
      expect(view.collectiveIncident).toEqual({
        incidentId: 'i-2',
        complaintCount: 9,
        complainantCount: 40,
        joinedAt: '2026-11-23T03:01:00.000Z',
        revision: 6,
      });
      const after = evolveComplaintView(view, incidentEvent('CollectiveIncidentMerged', merged, 60, 3));
      expect(after?.collectiveIncident).toEqual(view.collectiveIncident);
    });

    it('shows no incident once a person took the complaint out of it, and only out of that one', () => {
      const removed: ComplaintRemovedFromCollectiveIncidentData = {
        incidentId: 'i-1',
        tenantId: 'demo',
        branchId: 'west-2',
        complaintId: 'c-1',
        leavingComplainantCount: 1,
        complaintCount: 2,
        complainantCount: 21,
        reason: '与电表无关',
        removedBy: 'user-supervisor1',
        removedAt: '2026-11-23T03:00:00.000Z',
      };
      const removal = incidentEvent('ComplaintRemovedFromCollectiveIncident', removed, 60, 4);
      expect(complaintViewIds(removal)).toEqual(['c-1']);
      const member = fold(incidentEvent('CollectiveIncidentDetected', detected, 5));
      const view = evolveComplaintView(member, removal)!;
      expect(view.collectiveIncident).toBeNull();
      expect(view.eventCount).toBe(member.eventCount + 1);
      // a removal from an incident it no longer belongs to (it joined another since) changes nothing
      const elsewhere = { ...member.collectiveIncident!, incidentId: 'i-2' };
      expect(
        evolveComplaintView({ ...member, collectiveIncident: elsewhere }, removal)!.collectiveIncident,
      ).toEqual(elsewhere);
    });

    it('leaves the view of a complaint the event does not name untouched', () => {
      const other = { ...detected, complaintIds: ['c-0', 'c-2'] };
      const join = joined('c-3', 3, '2026-11-23T02:20:00.000Z');
      const view = fold(
        incidentEvent('CollectiveIncidentDetected', other, 5),
        incidentEvent('ComplaintJoinedCollectiveIncident', join, 20),
      );
      expect(view.collectiveIncident).toBeNull();
      expect(view.eventCount).toBe(1);
      expect(evolveComplaintView(null, incidentEvent('CollectiveIncidentDetected', detected, 5))).toBeNull();
    });
  });
});
