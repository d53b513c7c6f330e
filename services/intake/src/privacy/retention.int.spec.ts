import type { ComplaintClosedData } from '@kesu/follow-up-contracts';
import { FOLLOW_UP_TOPIC, followUpStream } from '@kesu/follow-up-contracts';
import { CommandBus } from '@nestjs/cqrs';
import { MESSAGE_LOG } from '@kesu/platform';
import type { MessageLog } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { ApplyRetentionCommand } from './apply-retention';
import { type PrivacyTestApp, startPrivacyApp } from './privacy.test-support';
import { RetentionJob } from './retention.job';

/*
 * The retention of personal data, on a manual clock: once every complaint of a person ended longer
 * ago than the tenant's retention, their data keys are destroyed and their index entries removed,
 * recorded as an erasure with basis `retention` — no event is ever deleted.
 */

let intake: PrivacyTestApp;
const T0 = new Date('2026-11-23T02:00:00.000Z');
const DAY = 86_400_000;

beforeAll(async () => {
  intake = await startPrivacyApp(T0);
});
afterAll(() => intake.close());

let people = 0;
const newPhone = () => `1371234${String(++people).padStart(4, '0')}`;
const ended = (complaintId: string) => intake.recorded(complaintId, true);
const withdraw = async (complaintId: string) => {
  const reply = await intake.post('agent1', `/api/v1/complaints/${complaintId}/withdraw`, {
    reason: '已协商解决',
  });
  expect(reply.statusCode).toBe(202);
  return ended(complaintId);
};
const applyRetention = () => intake.app.get(CommandBus).execute(new ApplyRetentionCommand());
const keyOf = async (complaintId: string) =>
  intake.keys.get('demo', (await intake.subjectIdsOf(complaintId))[0]!);
const at = (ms: number) => intake.clock.set(new Date(T0.getTime() + ms));

/** Closes a complaint as follow-up does: ComplaintClosed on its follow-up stream, published to its topic. */
async function close(complaintId: string): Promise<void> {
  const data: ComplaintClosedData = {
    complaintId,
    closedBy: 'user-handler1',
    closedAt: intake.clock.now().toISOString(),
    outcome: 'resolved',
    finalCategory: 'service_quality',
  };
  const { events } = await intake.store.appendToStream(
    followUpStream(complaintId),
    [
      {
        eventId: uuidv7(),
        occurredAt: data.closedAt,
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId: complaintId,
        causationId: `close-${complaintId}`,
        actor: { kind: 'user', id: 'user-handler1' },
        type: 'ComplaintClosed',
        schemaVersion: 1,
        data,
      },
    ],
    'no_stream',
  );
  const [closed] = events;
  await intake.app
    .get<MessageLog>(MESSAGE_LOG)
    .publish(FOLLOW_UP_TOPIC, [{ key: complaintId, id: closed!.eventId, value: closed }]);
  await ended(complaintId);
}

describe('the retention of personal data', () => {
  const withdrawnAndResolved = { phone: newPhone() };
  const closedByFollowUp = { phone: newPhone() };
  const stillOpen = { phone: newPhone() };
  const appealed = { phone: newPhone() };
  const complaints: Record<string, string[]> = {};

  beforeAll(async () => {
    const a = await intake.complaintOf({ name: '甲', ...withdrawnAndResolved }, 0);
    const b = await intake.complaintOf({ name: '甲', ...withdrawnAndResolved }, 1, {
      resolvedOnTheSpot: { remedy: '当场退还多收的费用' },
    });
    await withdraw(a);
    await ended(b);
    const c = await intake.complaintOf({ name: '乙', ...closedByFollowUp }, 2);
    await close(c);
    const d = await intake.complaintOf({ name: '丙', ...stillOpen }, 3);
    const e = await intake.complaintOf({ name: '丙', ...stillOpen }, 4);
    await withdraw(d);
    await intake.recorded(e, false);
    const f = await intake.complaintOf({ name: '丁', ...appealed }, 0);
    const rejected = await intake.post('handler1', `/api/v1/complaints/${f}/reject`, {
      reason: 'no_factual_basis',
      explanation: '经核实，上门记录显示师傅已按时到达。',
    });
    expect(rejected.statusCode).toBe(202);
    await ended(f);
    expect(
      (await intake.post('agent1', `/api/v1/complaints/${f}/appeals`, { grounds: '师傅并未到达' }))
        .statusCode,
    ).toBe(202);
    await intake.recorded(f, false);
    Object.assign(complaints, {
      withdrawnAndResolved: [a, b],
      closedByFollowUp: [c],
      stillOpen: [d, e],
      appealed: [f],
    });
  });

  it('runs in the background on the replica that leads', () => {
    expect(intake.app.get(RetentionJob).leading).toBe(true);
  });

  it('keeps everything until the tenant’s retention (3 years by default) has run out', async () => {
    at(1095 * DAY - 1);
    expect(await applyRetention()).toEqual({ erasures: [] });
    for (const id of Object.values(complaints).flat()) expect(await keyOf(id)).not.toBeNull();
  });

  it('then erases those whose complaints all ended, recorded with basis retention', async () => {
    at(1095 * DAY + 1);
    const { erasures } = await applyRetention();
    expect(erasures).toHaveLength(2);
    for (const id of [...complaints.withdrawnAndResolved!, ...complaints.closedByFollowUp!]) {
      expect(await keyOf(id)).toBeNull();
      expect(await intake.indexEntriesOf(id)).toEqual([]);
    }
    for (const id of [...complaints.stillOpen!, ...complaints.appealed!])
      expect(await keyOf(id)).not.toBeNull();
    const requests = await Promise.all(erasures.map((id) => intake.erasureEvents(id)));
    expect(requests.map((events) => events.map((e) => e.type))).toEqual([
      ['DataSubjectErasureRequested', 'DataSubjectErased'],
      ['DataSubjectErasureRequested', 'DataSubjectErased'],
    ]);
    const erasedComplaints = requests.map((events) => events[0]!.data as { complaintIds: string[] });
    expect(erasedComplaints.map((d) => d.complaintIds).sort()).toEqual(
      [[...complaints.withdrawnAndResolved!].sort(), complaints.closedByFollowUp!].sort(),
    );
    expect(requests[0]![0]).toMatchObject({
      actor: { kind: 'service', id: 'intake' },
      data: {
        basis: 'retention',
        requestedBy: 'intake',
        identifiedBy: [],
        retention: { days: 1095, lastEndedAt: '2026-11-23T02:00:00.000Z' },
      },
    });
    // The complaints' own events stay.
    expect(await intake.typesOf(complaints.withdrawnAndResolved![0]!)).toEqual([
      'ComplaintReceived',
      'ComplaintWithdrawn',
    ]);
  });

  it('erases nobody twice, even when two passes run at once', async () => {
    expect(await Promise.all([applyRetention(), applyRetention()])).toEqual([
      { erasures: [] },
      { erasures: [] },
    ]);
  });

  it('follows the tenant’s retention when it changes', async () => {
    const now = intake.clock.now().getTime() - T0.getTime();
    const phone = newPhone();
    const recent = await intake.complaintOf({ name: '戊', phone }, 2);
    await withdraw(recent);
    at(now + 400 * DAY);
    expect((await applyRetention()).erasures).toEqual([]);
    const { policy } = (await intake.request('GET', 'admin', '/api/v1/intake/settings')).json();
    const changed = await intake.request('PUT', 'admin', '/api/v1/intake/settings', {
      payload: { ...policy, personalDataRetentionDays: 365, reason: '个人信息保存一年' },
    });
    expect(changed.statusCode).toBe(200);
    const [one, other] = await Promise.all([applyRetention(), applyRetention()]);
    expect([...one.erasures, ...other.erasures]).toHaveLength(2);
    expect(new Set([...one.erasures, ...other.erasures]).size).toBe(1);
    expect(await keyOf(recent)).toBeNull();
    // The one whose appeal is pending keeps their data; so does the one with an open complaint.
    for (const id of [...complaints.stillOpen!, ...complaints.appealed!])
      expect(await keyOf(id)).not.toBeNull();
  });

  it('is what the background job applies on each pass', async () => {
    const expired = await intake.complaintOf({ name: '己', phone: newPhone() }, 3);
    await withdraw(expired);
    intake.clock.advance(366 * DAY);
    await intake.app.get(RetentionJob).sweep();
    expect(await keyOf(expired)).toBeNull();
  });
});
