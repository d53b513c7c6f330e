import { classificationStream } from '@kesu/classification-contracts';
import { intakeStream } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { type EscalationTestApp, startEscalationApp, until } from '../escalation-app.test-support';
import { EscalationWorker } from './escalation.worker';
import { escalationControllers, escalationProviders } from './index';

/** The level and holder of each ComplaintEscalated of a complaint. */
const escalations = (events: readonly RecordedEvent[]) =>
  events
    .filter((e) => e.type === 'ComplaintEscalated')
    .map((e) => {
      const { level, holderId } = e.data as { level: string; holderId: string };
      return [level, holderId];
    });

describe('escalating a complaint on its own, from the events of classification and intake', () => {
  let t: EscalationTestApp;
  let worker: EscalationWorker;

  beforeAll(async () => {
    t = await startEscalationApp({ controllers: escalationControllers, providers: escalationProviders });
    worker = t.app.get(EscalationWorker);
  });
  afterAll(() => t.close());

  /** A complaint of east-1, classified as given, the classification delivered to the worker. */
  const classified = async (outcome: Parameters<EscalationTestApp['classify']>[1], branchId = 'east-1') => {
    const { complaintId } = await t.receive({ branchId });
    const event = await t.classify(complaintId, { departmentId: 'east-1-cs', ...outcome });
    await worker.apply(event);
    return { complaintId, event };
  };

  it('takes a critical complaint to the general manager, to respond the same day, through the consumer', async () => {
    const { complaintId } = await t.receive();
    await t.classify(complaintId, { severity: 'critical' });
    const events = await until(
      () => t.escalation(complaintId),
      (e) => e.length >= 2,
    );
    expect(events[0]).toMatchObject({
      type: 'ComplaintEscalated',
      correlationId: complaintId,
      actor: { kind: 'service', id: 'assignment' },
      data: { level: 'headquarters', holderId: 'user-director1', mode: 'automatic', triggers: ['critical'] },
    });
    const { escalatedAt, respondBy } = events[0]!.data as { escalatedAt: string; respondBy: string };
    const endOfDay = new Date(escalatedAt);
    expect(Date.parse(respondBy)).toBeGreaterThan(endOfDay.getTime());
    expect(respondBy).toMatch(/T15:59:59\.999Z$/);
    expect(events[1]).toMatchObject({
      type: 'EscalationNotificationRequested',
      data: { recipientId: 'user-director1', about: 'escalated', respondBy },
    });
  });

  it.each([
    [{ severity: 'major' as const }, 'branch', 'user-manager1'],
    [{ scope: 'collective' as const }, 'headquarters', 'user-director1'],
    [{ signals: ['media_exposure'] }, 'region', 'user-supervisor1'],
    [{ signals: ['government_petition'] }, 'branch', 'user-manager1'],
    [{ signals: ['legal_action'] }, 'branch', 'user-manager1'],
  ])('takes a complaint classified %j to the %s', async (outcome, level, holderId) => {
    const { complaintId } = await classified(outcome);
    expect(escalations(await t.escalation(complaintId))).toEqual([[level, holderId]]);
  });

  it('takes a major complaint within the hour', async () => {
    const { complaintId } = await classified({ severity: 'major' });
    const [escalated] = await t.escalation(complaintId);
    const { escalatedAt, respondBy } = escalated!.data as { escalatedAt: string; respondBy: string };
    expect(Date.parse(respondBy) - Date.parse(escalatedAt)).toBe(3_600_000);
  });

  it('takes a repeat complaint to the head of its department', async () => {
    const { complaintId } = await t.receive();
    await t.classify(complaintId, { departmentId: 'east-1-cs' });
    const flagged = await t.record(intakeStream(complaintId), complaintId, 'RepeatComplaintFlagged', {
      repeatOf: 'c-0',
      repeatOfReference: 'KS-0',
      similarity: 0.9,
      flaggedAt: new Date().toISOString(),
    });
    await worker.apply(flagged);
    expect(escalations(await t.escalation(complaintId))).toEqual([['department', 'user-head-east1']]);
  });

  it('goes higher when a person reclassifies it as critical, and notes what calls for less', async () => {
    const { complaintId } = await classified({ severity: 'major' });
    const reclassified = await t.record(
      classificationStream(complaintId),
      complaintId,
      'ComplaintReclassified',
      {
        category: 'billing',
        severity: 'critical',
        reason: '涉及人身安全',
        reclassifiedBy: 'user-handler1',
        reclassifiedAt: new Date().toISOString(),
      },
    );
    await worker.apply(reclassified);
    const media = await t.classify(complaintId, { severity: 'critical', signals: ['media_exposure'] });
    await worker.apply(media);
    const events = await t.escalation(complaintId);
    expect(escalations(events)).toEqual([
      ['branch', 'user-manager1'],
      ['headquarters', 'user-director1'],
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'EscalationTriggersNoted',
      data: { triggers: ['media_exposure'], level: 'headquarters' },
    });
  });

  it('changes nothing on a redelivered event, nor on a trigger it took into account before', async () => {
    const { complaintId, event } = await classified({ severity: 'major' });
    await worker.apply(event);
    await worker.apply(await t.classify(complaintId, { severity: 'major' }));
    expect(await t.escalation(complaintId)).toHaveLength(2);
  });

  it('changes nothing for an individual, general complaint, nor for a complaint intake does not know', async () => {
    const { complaintId } = await classified({ severity: 'general' });
    expect(await t.escalation(complaintId)).toEqual([]);
    const { event } = await classified({ severity: 'critical' });
    const unknown = '0196f000-0000-7000-8000-00000000abcd';
    await expect(
      worker.apply({ ...event, data: { ...(event.data as object), complaintId: unknown } }),
    ).resolves.toBeUndefined();
    expect(await t.escalation(unknown)).toEqual([]);
  });

  it('follows the tenant’s policy as it changes: major complaints to the region', async () => {
    const { policy } = (await t.request('admin', 'GET', '/api/v1/assignments/escalation-policy')).json();
    const rules = policy.rules.map((r: { trigger: string }) =>
      r.trigger === 'major' ? { ...r, level: 'region' } : r,
    );
    const put = await t.request('admin', 'PUT', '/api/v1/assignments/escalation-policy', {
      ...policy,
      rules,
      reason: '重要投诉直接报区域',
    });
    expect(put.statusCode).toBe(200);
    const { complaintId } = await classified({ severity: 'major' });
    expect(escalations(await t.escalation(complaintId))).toEqual([['region', 'user-supervisor1']]);
    await t.request('admin', 'PUT', '/api/v1/assignments/escalation-policy', {
      ...policy,
      reason: '恢复默认',
    });
  });

  it('escalates another tenant’s complaint within that tenant', async () => {
    const { complaintId } = await t.receive({ tenantId: 'other', branchId: 'o-1' });
    await worker.apply(await t.classify(complaintId, { severity: 'critical' }));
    const [escalated] = await t.escalation(complaintId);
    expect(escalated).toMatchObject({ tenantId: 'other', data: { holderId: 'user-other-director' } });
  });
});
