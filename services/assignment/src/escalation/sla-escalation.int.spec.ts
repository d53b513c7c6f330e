import type { RecordedEvent } from '@kesu/kernel';
import { slaStream } from '@kesu/sla-contracts';
import { type EscalationTestApp, startEscalationApp, until } from '../escalation-app.test-support';
import { escalationControllers, escalationProviders } from './index';
import { SlaEscalationWorker } from './sla-escalation.worker';

/** The triggers of each ComplaintEscalated of a complaint. */
const escalatedOn = (events: readonly RecordedEvent[]) =>
  events
    .filter((e) => e.type === 'ComplaintEscalated')
    .map((e) => (e.data as { triggers: string[] }).triggers);

describe('escalating a complaint on its time limits (the SLA service’s warnings and breaches)', () => {
  let t: EscalationTestApp;

  beforeAll(async () => {
    t = await startEscalationApp({ controllers: escalationControllers, providers: escalationProviders });
  });
  afterAll(() => t.close());

  it('escalates once on a warning and once on a breach, however often each is delivered', async () => {
    const { complaintId } = await t.receive();
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    const warning = await t.record(slaStream(complaintId), complaintId, 'SlaWarningRaised', {
      milestone: 'resolve',
      dueAt,
      raisedAt: new Date().toISOString(),
    });
    const afterWarning = await until(
      () => t.escalation(complaintId),
      (e) => escalatedOn(e).length >= 1,
    );
    expect(escalatedOn(afterWarning)).toEqual([['sla_at_risk']]);

    const breach = await t.record(slaStream(complaintId), complaintId, 'SlaBreached', {
      milestone: 'resolve',
      dueAt,
      breachedAt: dueAt,
    });
    const afterBreach = await until(
      () => t.escalation(complaintId),
      (e) => escalatedOn(e).length >= 2,
    );
    expect(escalatedOn(afterBreach)).toEqual([['sla_at_risk'], ['sla_breached']]);

    const worker = t.app.get(SlaEscalationWorker);
    await worker.apply(warning);
    await worker.apply(breach);
    expect(escalatedOn(await t.escalation(complaintId))).toEqual([['sla_at_risk'], ['sla_breached']]);
  });

  it('a met milestone escalates nothing', async () => {
    const { complaintId } = await t.receive();
    const met = await t.record(slaStream(complaintId), complaintId, 'SlaMilestoneMet', {
      milestone: 'acknowledge',
      dueAt: new Date().toISOString(),
      metAt: new Date().toISOString(),
      onTime: true,
    });
    await t.app.get(SlaEscalationWorker).apply(met);
    expect(escalatedOn(await t.escalation(complaintId))).toEqual([]);
  });
});
