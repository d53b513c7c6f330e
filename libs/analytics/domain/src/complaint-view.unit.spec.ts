import {
  type CollectiveIncidentDetectedData,
  type CollectiveIncidentMergedData,
  type ComplaintRemovedFromCollectiveIncidentData,
  type ComplaintClassifiedData,
  type ComplaintJoinedCollectiveIncidentData,
  type ComplaintReclassifiedData,
} from '@kesu/classification-contracts';
import { type ComplaintReceivedData, type IntakeEvent } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import {
  type ComplaintView,
  complaintViewAsOf,
  complaintViewHandles,
  complaintViewIds,
  evolveComplaintView,
} from './complaint-view';

const data: ComplaintReceivedData = {
  complaintId: 'c-1',
  reference: 'KS-20261123-000001',
  channel: 'gov_hotline_12345',
  channelDetails: { externalOrderNo: 'GD2026112300815', governmentDeadline: '2026-11-30T10:00:00.000Z' },
  branchId: 'west-2',
  complainant: { subjectId: 's-1', sealed: 'pd1.a.b.c' },
  subject: { type: 'product', name: '智能电表' },
  description: '小区更换智能电表后电费翻倍。',
  location: '幸福小区',
  complainantCount: 20,
  language: 'zh',
  receivedAt: '2026-11-23T02:00:00.000Z',
  acknowledgement: { respondBy: '2026-11-24T02:00:00.000Z' },
};

let position = 0;
const recorded = (type: string, payload: unknown, minute = position): RecordedEvent => {
  position++;
  const recordedAt = new Date(Date.UTC(2026, 10, 23, 2, minute)).toISOString();
  return {
    eventId: `e-${position}`,
    type,
    schemaVersion: 1,
    data: payload,
    occurredAt: recordedAt,
    recordedAt,
    tenantId: 'demo',
    branchId: 'west-2',
    correlationId: 'c-1',
    causationId: 'r-1',
    actor: { kind: 'user', id: 'agent2' },
    streamId: 'intake-complaint-c-1',
    revision: position - 1,
    prevHash: '0',
    hash: '1',
    globalPosition: position,
  };
};
const event = <E extends IntakeEvent>(type: E['type'], payload: E['data']) => recorded(type, payload);

/** The view after ComplaintReceived and then these events. */
function fold(...events: RecordedEvent[]): ComplaintView {
  position = 0;
  const history = [recorded('ComplaintReceived', data), ...events];
  const view = history.reduce<ComplaintView | null>(evolveComplaintView, null);
  if (!view) throw new Error('no view');
  return view;
}

describe('complaint view', () => {
  it('handles every intake event, the classification of the complaint and its collective incident', () => {
    expect([...complaintViewHandles].sort()).toEqual([
      'AppealDecided',
      'CollectiveIncidentDetected',
      'ComplaintAccepted',
      'ComplaintClassified',
      'ComplaintJoinedCollectiveIncident',
      'ComplaintMergedAsDuplicate',
      'ComplaintReceived',
      'ComplaintReclassified',
      'ComplaintRejected',
      'ComplaintRemovedFromCollectiveIncident',
      'ComplaintResolvedOnTheSpot',
      'ComplaintWithdrawn',
      'DuplicateLinked',
      'RecordConfirmed',
      'RecordCorrected',
      'RejectionAppealed',
      'RepeatComplaintFlagged',
    ]);
  });

  it('shows a received complaint with its channel details, deadline and nothing decided yet', () => {
    expect(fold()).toMatchObject({
      _id: 'c-1',
      tenantId: 'demo',
      status: 'received',
      channel: 'gov_hotline_12345',
      channelDetails: { externalOrderNo: 'GD2026112300815' },
      branchId: 'west-2',
      confirmed: false,
      confirmedAt: null,
      acceptedAt: null,
      resolution: null,
      rejection: null,
      appeal: null,
      withdrawal: null,
      duplicateOf: null,
      duplicates: [],
      repeatOf: null,
      classification: null,
      collectiveIncident: null,
      assignment: null,
      sla: { respondBy: '2026-11-24T02:00:00.000Z', resolveBy: null, state: 'on_track' },
      satisfaction: null,
      eventCount: 1,
      updatedAt: '2026-11-23T02:00:00.000Z',
    });
    expect(
      evolveComplaintView(null, recorded('ComplaintReceived', { ...data, channelDetails: undefined })),
    ).toMatchObject({ channelDetails: null, occurredAt: null, expectedRemedy: null, emotion: null });
  });

  it('is found by reference, work-order number, subject, location and description, never the complainant', () => {
    const { searchTokens } = fold();
    expect(searchTokens).toEqual(expect.arrayContaining(['ks', '20261123', '000001', 'gd2026112300815']));
    expect(searchTokens).toEqual(expect.arrayContaining(['智能', '电表', '幸福', '电费', '翻倍']));
    expect(searchTokens.join(' ')).not.toMatch(/pd1|s-1/);
  });

  it('records a confirmed read-back', () => {
    const view = fold(event('RecordConfirmed', { complaintId: 'c-1', confirmedAt: '2026-11-23T02:01:00Z' }));
    expect(view).toMatchObject({ confirmed: true, confirmedAt: '2026-11-23T02:01:00Z', status: 'received' });
  });

  it('shows corrected fields, the complainant re-sealed, and finds it by the corrected text only', () => {
    const view = fold(
      event('RecordCorrected', {
        complaintId: 'c-1',
        corrections: {
          complainant: { subjectId: 's-1', sealed: 'pd1.corrected' },
          description: '小区更换水表后水费翻倍。',
          complainantCount: 21,
        },
        correctedAt: '2026-11-23T02:02:00Z',
      }),
    );
    expect(view).toMatchObject({
      complainant: { subjectId: 's-1', sealed: 'pd1.corrected' },
      description: '小区更换水表后水费翻倍。',
      complainantCount: 21,
      subject: { type: 'product', name: '智能电表' },
      location: '幸福小区',
      confirmed: true,
      confirmedAt: '2026-11-23T02:02:00Z',
    });
    expect(view.searchTokens).toEqual(expect.arrayContaining(['水表', '水费']));
    expect(view.searchTokens).not.toContain('电费');
  });

  it('records a resolution on the spot', () => {
    const view = fold(
      event('ComplaintResolvedOnTheSpot', {
        complaintId: 'c-1',
        remedy: '当场退还多收电费',
        resolvedAt: '2026-11-23T02:03:00Z',
      }),
    );
    expect(view).toMatchObject({
      status: 'resolved_on_the_spot',
      resolution: { onTheSpot: true, remedy: '当场退还多收电费', resolvedAt: '2026-11-23T02:03:00Z' },
    });
  });

  it('records acceptance', () => {
    const view = fold(event('ComplaintAccepted', { complaintId: 'c-1', acceptedAt: '2026-11-23T02:04:00Z' }));
    expect(view).toMatchObject({ status: 'accepted', acceptedAt: '2026-11-23T02:04:00Z' });
  });

  const rejection = {
    complaintId: 'c-1',
    reason: 'not_in_scope' as const,
    explanation: '不属于本公司业务范围。',
    automatic: false,
    rejectedAt: '2026-11-23T02:05:00Z',
  };
  const appeal = { complaintId: 'c-1', grounds: '电表属于贵公司', appealedAt: '2026-11-23T02:06:00Z' };
  const rejected = () => event('ComplaintRejected', rejection);
  const appealed = () => event('RejectionAppealed', appeal);

  it('records a rejection with its reasoned answer, and an appeal of it', () => {
    expect(fold(rejected())).toMatchObject({
      status: 'rejected',
      rejection: {
        reason: 'not_in_scope',
        explanation: '不属于本公司业务范围。',
        automatic: false,
        rejectedAt: '2026-11-23T02:05:00Z',
      },
      appeal: null,
    });
    expect(fold(rejected(), appealed())).toMatchObject({
      status: 'appealed',
      appeal: { grounds: '电表属于贵公司', appealedAt: '2026-11-23T02:06:00Z' },
    });
  });

  it('records the appeal decision: overturned accepts, upheld rejects for good', () => {
    const decided = (outcome: 'upheld' | 'overturned') =>
      event('AppealDecided', {
        complaintId: 'c-1',
        outcome,
        explanation: '复核结论',
        decidedAt: '2026-11-23T02:07:00Z',
      });
    const overturned = fold(rejected(), appealed(), decided('overturned'));
    expect(overturned).toMatchObject({
      status: 'accepted',
      acceptedAt: '2026-11-23T02:07:00Z',
      rejection: { reason: 'not_in_scope' },
      appeal: {
        grounds: '电表属于贵公司',
        outcome: 'overturned',
        explanation: '复核结论',
        decidedAt: '2026-11-23T02:07:00Z',
      },
    });
    expect(fold(rejected(), appealed(), decided('upheld'))).toMatchObject({
      status: 'rejected',
      acceptedAt: null,
      appeal: { outcome: 'upheld' },
    });
  });

  it('records a withdrawal', () => {
    const view = fold(
      event('ComplaintWithdrawn', {
        complaintId: 'c-1',
        reason: '已自行解决',
        withdrawnAt: '2026-11-23T02:08:00Z',
      }),
    );
    expect(view).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: '已自行解决', withdrawnAt: '2026-11-23T02:08:00Z' },
    });
  });

  it('links duplicates both ways, once each', () => {
    const merged = fold(
      event('ComplaintMergedAsDuplicate', {
        complaintId: 'c-1',
        duplicateOf: 'c-0',
        duplicateOfReference: 'KS-20261122-000007',
        similarity: 0.93,
        mergedAt: '2026-11-23T02:09:00Z',
      }),
    );
    expect(merged).toMatchObject({
      status: 'merged',
      duplicateOf: { complaintId: 'c-0', reference: 'KS-20261122-000007' },
    });
    const linked = (id: string) =>
      event('DuplicateLinked', {
        complaintId: 'c-1',
        duplicateComplaintId: id,
        duplicateReference: 'KS-20261124-000001',
        linkedAt: '2026-11-24T02:00:00Z',
      });
    const open = fold(linked('c-2'), linked('c-3'), linked('c-2'));
    expect(open).toMatchObject({ status: 'received', duplicates: ['c-2', 'c-3'], eventCount: 4 });
  });

  it('flags a repeat of a closed complaint', () => {
    const view = fold(
      event('RepeatComplaintFlagged', {
        complaintId: 'c-1',
        repeatOf: 'c-0',
        repeatOfReference: 'KS-20261001-000003',
        similarity: 0.88,
        flaggedAt: '2026-11-23T02:00:00Z',
      }),
    );
    expect(view).toMatchObject({
      status: 'received',
      repeatOf: { complaintId: 'c-0', reference: 'KS-20261001-000003' },
    });
  });

  const classifiedData: ComplaintClassifiedData = {
    complaintId: 'c-1',
    category: 'billing',
    severity: 'major',
    scope: 'collective',
    nature: 'effective',
    signals: ['government_petition'],
    confidence: 0.82,
    needsHumanReview: false,
    departmentId: 'billing-dept',
    decision: {
      model: { id: 'keywords', version: 0 },
      taxonomyVersion: 1,
      ruleSetVersion: 1,
      rules: [{ id: 'petition', matched: ['信访'] }],
      ranking: [{ category: 'billing', confidence: 0.82 }],
    },
    classifiedAt: '2026-11-23T02:00:01.000Z',
  };

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

  it('counts events it does not interpret yet, and ignores events before the complaint', () => {
    const later = recorded('SomethingElse', {}, 30);
    expect(fold(later)).toMatchObject({ eventCount: 2, updatedAt: '2026-11-23T02:30:00.000Z' });
    expect(evolveComplaintView(null, later)).toBeNull();
    expect(
      evolveComplaintView(null, event('ComplaintAccepted', { complaintId: 'c-1', acceptedAt: 'x' })),
    ).toBeNull();
  });

  it('is a fold over the history up to an instant', () => {
    position = 0;
    const history = [
      recorded('ComplaintReceived', data, 0),
      recorded('ComplaintRejected', rejection, 10),
      recorded('RejectionAppealed', appeal, 20),
      recorded(
        'AppealDecided',
        { complaintId: 'c-1', outcome: 'overturned', explanation: '', decidedAt: 'x' },
        30,
      ),
    ];
    expect(complaintViewAsOf(history, '2026-11-23T01:59:59Z')).toBeNull();
    expect(complaintViewAsOf(history, '2026-11-23T10:05:00+08:00')).toMatchObject({
      status: 'received',
      rejection: null,
      eventCount: 1,
    });
    expect(complaintViewAsOf(history, '2026-11-23T02:10:00Z')).toMatchObject({
      status: 'rejected',
      eventCount: 2,
    });
    expect(complaintViewAsOf(history, '2026-11-23T02:25:00Z')).toMatchObject({
      status: 'appealed',
      appeal: { grounds: '电表属于贵公司' },
    });
    expect(complaintViewAsOf(history, '2026-11-23T03:00:00Z')).toMatchObject({
      status: 'accepted',
      appeal: { outcome: 'overturned' },
      eventCount: 4,
    });
  });
});
