import { complaintViewAsOf, complaintViewHandles, evolveComplaintView } from './complaint-view-evolve';
import { data, event, fold, newHistory, recorded } from './complaint-view.test-support';

describe('complaint view', () => {
  it('handles every intake event, the classification of the complaint and its collective incident, its dispatch, escalation, plan and case work, its clocks and its follow-up', () => {
    expect([...complaintViewHandles].sort()).toEqual([
      'AppealDecided',
      'AssignmentAccepted',
      'AssignmentEnded',
      'AssignmentReturned',
      'CallbackAttempted',
      'CallbackScheduled',
      'CaseNoteAdded',
      'CaseReferred',
      'CaseReopened',
      'CaseWaitingEnded',
      'CaseWaitingStarted',
      'CollectiveIncidentDetected',
      'ComplaintAccepted',
      'ComplaintAddedToIncidentPlan',
      'ComplaintAssigned',
      'ComplaintClassified',
      'ComplaintClosed',
      'ComplaintEscalated',
      'ComplaintJoinedCollectiveIncident',
      'ComplaintMergedAsDuplicate',
      'ComplaintQueued',
      'ComplaintReceived',
      'ComplaintReclassified',
      'ComplaintRejected',
      'ComplaintRemovedFromCollectiveIncident',
      'ComplaintRemovedFromIncidentPlan',
      'ComplaintReopened',
      'ComplaintResolved',
      'ComplaintResolvedOnTheSpot',
      'ComplaintTransferred',
      'ComplaintWithdrawn',
      'CustomerContacted',
      'CustomerResponded',
      'CustomerUnreachable',
      'DeliveryAttempted',
      'DeliveryFailed',
      'DepartmentHeadAlerted',
      'DuplicateLinked',
      'EscalationHandedBack',
      'EvidenceAdded',
      'FindingRecorded',
      'IncidentPlanOpened',
      'InvestigationPlanned',
      'MessageDelivered',
      'MessageRecorded',
      'OfferMade',
      'ProposalApproved',
      'ProposalForwarded',
      'ProposalRejected',
      'ProposalRevised',
      'ProposalSubmitted',
      'ReReviewDecided',
      'ReReviewRequested',
      'RecordConfirmed',
      'RecordCorrected',
      'RejectionAppealed',
      'RemediesExecuted',
      'RepeatComplaintFlagged',
      'SatisfactionRecorded',
      'SlaBreached',
      'SlaClockPaused',
      'SlaClockResumed',
      'SlaClockStarted',
      'SlaClockStopped',
      'SlaDeadlinesSet',
      'SlaMilestoneMet',
      'SlaWarningRaised',
      'SurveyLinkAnswered',
      'SurveyLinkIssued',
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

  it("keeps the intake stream's revision, what intake's actions take as If-Match", () => {
    expect(fold().intakeRevision).toBe(0);
    const accepted = event('ComplaintAccepted', { complaintId: 'c-1', acceptedAt: '2026-11-23T02:04:00Z' });
    expect(fold(accepted).intakeRevision).toBe(1);
    const later = recorded('SomethingElse', {}, 30);
    expect(fold(accepted, later).intakeRevision).toBe(1);
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
    newHistory();
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
