import type { MessageRecordedData } from '@kesu/follow-up-contracts';
import type { FollowUpStreamEvent } from './follow-up';
import { after, COMPLAINT, RESOLVED_AT, resolved, stateAfter, when } from './follow-up.test-support';
import { progressUpdateDueAt } from './progress';

const message = (messageId: string, recordedAt: string, kind = 'acknowledgement'): MessageRecordedData =>
  ({
    complaintId: COMPLAINT,
    messageId,
    kind,
    channel: 'email',
    language: 'zh-CN',
    recipient: { kind: 'complainant' },
    templateId: kind,
    templateVersion: 0,
    subject: 's',
    text: 't',
    recordedAt,
  }) as MessageRecordedData;

const T0 = RESOLVED_AT;
const acknowledged = (): FollowUpStreamEvent[] => [{ type: 'MessageRecorded', data: message('ack', T0) }];
const progress = (given: FollowUpStreamEvent[], hours: number, intervalHours = 72) =>
  when(given, {
    type: 'RecordProgressUpdate',
    message: message(`progress-${hours}`, after(hours), 'progress_update'),
    intervalHours,
    at: after(hours),
  });

describe('progress updates at the tenant’s interval', () => {
  it('given an acknowledgement, when the interval has not passed, sends nothing', () => {
    expect(progress(acknowledged(), 71)).toEqual([]);
  });

  it('given an acknowledgement, when the interval passed, sends one update', () => {
    expect(progress(acknowledged(), 72)).toMatchObject([
      { type: 'MessageRecorded', data: { kind: 'progress_update', messageId: 'progress-72' } },
    ]);
  });

  it('sends at most one per interval: the update starts the next interval', () => {
    const sent = [...acknowledged(), ...progress(acknowledged(), 80)];
    expect(progress(sent, 100)).toEqual([]);
    expect(progressUpdateDueAt(stateAfter(sent), 72)).toBe(after(80 + 72));
    expect(progress(sent, 152)).toHaveLength(1);
  });

  it('a message to staff does not count as telling the customer', () => {
    const staff: FollowUpStreamEvent = {
      type: 'MessageRecorded',
      data: { ...message('staff', after(50), 'staff_assigned'), recipient: { kind: 'staff', userId: 'u' } },
    };
    expect(progressUpdateDueAt(stateAfter([...acknowledged(), staff]), 72)).toBe(after(72));
  });

  it('stops once the complaint is resolved, and sends none when the tenant’s interval is 0', () => {
    const resolvedAfterAck = [...acknowledged(), ...resolved()];
    expect(progressUpdateDueAt(stateAfter(resolvedAfterAck), 72)).toBeUndefined();
    expect(progress(resolvedAfterAck, 200)).toEqual([]);
    expect(progress(acknowledged(), 200, 0)).toEqual([]);
  });

  it('waits for the first message to the complainant before counting', () => {
    expect(progressUpdateDueAt(stateAfter([]), 72)).toBeUndefined();
  });
});
