import { fold, recorded } from './complaint-view.test-support';

const message = {
  complaintId: 'c-1',
  messageId: 'm1',
  kind: 'resolution_notice',
  channel: 'email',
  language: 'zh-CN',
  recipient: { kind: 'complainant' },
  templateId: 'resolution_notice',
  templateVersion: 0,
  subject: '投诉处理结果',
  text: '已退款',
  recordedAt: '2026-11-24T02:00:00.000Z',
};
const scheduled = {
  complaintId: 'c-1',
  resolvedAt: '2026-11-24T02:00:00.000Z',
  resolvedBy: 'user-h1',
  summary: '已退款',
  dueAt: '2026-11-25T02:00:00.000Z',
  closesWithoutObjectionAt: '2026-11-27T02:00:00.000Z',
  reReviewRequestBy: '2026-11-29T02:00:00.000Z',
  maxAttempts: 3,
};

describe('the view’s follow-up', () => {
  it('is null before follow-up records anything', () => {
    expect(fold().followUp).toBeNull();
  });

  it('shows each message’s delivery, never its text, and the failures', () => {
    const view = fold(
      recorded('MessageRecorded', message),
      recorded('DeliveryAttempted', {
        complaintId: 'c-1',
        messageId: 'm1',
        attempt: 1,
        attemptedAt: 'x',
        by: 'r',
        claimUntil: 'y',
      }),
      recorded('DeliveryFailed', {
        complaintId: 'c-1',
        messageId: 'm1',
        attempt: 1,
        failedAt: 'x',
        error: 'refused',
        retryAt: 'z',
      }),
      recorded('DeliveryAttempted', {
        complaintId: 'c-1',
        messageId: 'm1',
        attempt: 2,
        attemptedAt: 'x',
        by: 'r',
        claimUntil: 'y',
      }),
      recorded('MessageDelivered', { complaintId: 'c-1', messageId: 'm1', attempt: 2, deliveredAt: 'x' }),
    );
    expect(view.followUp!.messages).toEqual([
      {
        messageId: 'm1',
        kind: 'resolution_notice',
        channel: 'email',
        status: 'delivered',
        attempts: 2,
        failures: 1,
      },
    ]);
    expect(JSON.stringify(view.followUp)).not.toContain('已退款');
  });

  it('follows the callback, the reopen, the re-review and the closure, with the statuses', () => {
    const reopened = fold(
      recorded('CallbackScheduled', scheduled),
      recorded('CallbackAttempted', { complaintId: 'c-1', attempt: 1, attemptedBy: 'a', attemptedAt: 'x' }),
      recorded('SatisfactionRecorded', {
        complaintId: 'c-1',
        recordedAt: 'x',
        recordedBy: 'a',
        via: 'callback',
        satisfaction: 'unsatisfied',
      }),
      recorded('ComplaintReopened', {
        complaintId: 'c-1',
        reopenedBy: 'a',
        reopenedAt: 'x',
        reason: 'unsatisfied',
        reopenCount: 1,
      }),
    );
    expect(reopened).toMatchObject({ status: 'reopened', satisfaction: 'unsatisfied' });
    expect(reopened.followUp).toMatchObject({
      callback: { dueAt: scheduled.dueAt, attempts: 1 },
      reopenCount: 1,
    });
    const reviewed = fold(
      recorded('ReReviewRequested', {
        complaintId: 'c-1',
        requestedAt: 'x',
        recordedBy: 'a',
        reviewerId: 'user-m1',
        reason: 'r',
        answerDueBy: 'd',
      }),
    );
    expect(reviewed.status).toBe('under_re_review');
    const closed = fold(
      recorded('ComplaintClosed', {
        complaintId: 'c-1',
        closedBy: 'a',
        closedAt: 'x',
        outcome: 'resolved',
        finalCategory: 'fees_price',
        reason: 'unreachable',
      }),
    );
    expect(closed.status).toBe('closed');
    expect(closed.followUp!.closure).toEqual({
      reason: 'unreachable',
      outcome: 'resolved',
      finalCategory: 'fees_price',
      closedAt: 'x',
    });
  });
});
