import type { MessageRecordedData } from '@kesu/follow-up-contracts';
import type { FollowUpStreamEvent } from './follow-up';
import { COMPLAINT, stateAfter, when } from './follow-up.test-support';
import { backoffMs, claimable, DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './outbox';

const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, maxAttempts: 2, baseMs: 1_000, claimMs: 10_000 };
const T0 = '2026-12-01T00:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

const message: MessageRecordedData = {
  complaintId: COMPLAINT,
  messageId: 'm1',
  kind: 'resolution_notice',
  channel: 'email',
  language: 'zh-CN',
  recipient: { kind: 'complainant' },
  templateId: 'resolution_notice',
  templateVersion: 0,
  subject: 's',
  text: 't',
  recordedAt: T0,
};

const recorded = (): FollowUpStreamEvent[] => [...when([], { type: 'RecordMessage', message })];
const claim = (given: FollowUpStreamEvent[], ms: number, by = 'r1') =>
  when(given, { type: 'ClaimDelivery', messageId: 'm1', by, at: at(ms), policy });

describe('the outbox', () => {
  it('records a message once', () => {
    expect(recorded().map((e) => e.type)).toEqual(['MessageRecorded']);
    expect(when(recorded(), { type: 'RecordMessage', message })).toEqual([]);
  });

  it('lets one claim a pending message; a second claim while it holds gets nothing', () => {
    const claimed = [...recorded(), ...claim(recorded(), 0)];
    expect(claimed[1]).toMatchObject({
      type: 'DeliveryAttempted',
      data: { attempt: 1, claimUntil: at(10_000) },
    });
    expect(claim(claimed, 5_000, 'r2')).toEqual([]);
    const delivered = when(claimed, {
      type: 'RecordDeliveryOutcome',
      messageId: 'm1',
      attempt: 1,
      at: at(1),
      outcome: { delivered: true, providerId: '<m1@kesu>' },
      policy,
    });
    expect(delivered[0]).toMatchObject({ type: 'MessageDelivered', data: { providerId: '<m1@kesu>' } });
    expect(stateAfter([...claimed, ...delivered]).messages['m1']!.status).toBe('delivered');
    expect(claim([...claimed, ...delivered], 60_000)).toEqual([]);
  });

  it('retries a failure after the backoff and gives up after the last attempt, visibly', () => {
    const claimed = [...recorded(), ...claim(recorded(), 0)];
    const fail = (given: FollowUpStreamEvent[], attempt: number, ms: number) =>
      when(given, {
        type: 'RecordDeliveryOutcome',
        messageId: 'm1',
        attempt,
        at: at(ms),
        outcome: { delivered: false, error: 'connection refused' },
        policy,
      });
    const once = [...claimed, ...fail(claimed, 1, 0)];
    expect(once[2]).toMatchObject({ type: 'DeliveryFailed', data: { retryAt: at(backoffMs(policy, 1)) } });
    expect(claimable(stateAfter(once), 'm1', at(999))).toBe(false);
    const again = [...once, ...claim(once, 1_000)];
    const twice = [...again, ...fail(again, 2, 1_000)];
    expect(twice.at(-1)).toMatchObject({ type: 'DeliveryFailed', data: { retryAt: null } });
    expect(stateAfter(twice).messages['m1']).toMatchObject({
      status: 'failed',
      lastError: 'connection refused',
    });
  });

  it('takes over an attempt whose claim lapsed (the deliverer died), recording the interruption', () => {
    const claimed = [...recorded(), ...claim(recorded(), 0)];
    const taken = claim(claimed, 10_000, 'r2');
    expect(taken.map((e) => e.type)).toEqual(['DeliveryFailed', 'DeliveryAttempted']);
    expect(taken[1]).toMatchObject({ data: { attempt: 2, by: 'r2' } });
  });
});
