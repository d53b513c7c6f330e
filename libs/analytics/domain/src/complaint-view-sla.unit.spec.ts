import type { SlaDeadline } from '@kesu/sla-contracts';
import { fold, recorded } from './complaint-view.test-support';

const deadline = (milestone: SlaDeadline['milestone'], dueAt: string): SlaDeadline => ({
  milestone,
  target: { amount: 24, unit: 'hours' },
  startedAt: '2026-11-23T02:00:00.000Z',
  dueAt,
  warnAt: dueAt,
  estimated: false,
  source: 'policy',
});
const started = () =>
  recorded('SlaClockStarted', {
    complaintId: 'c-1',
    startedAt: '2026-11-23T02:00:00.000Z',
    channel: 'gov_hotline_12345',
    branchId: 'west-2',
    packId: 'seeds-default',
    timeZone: 'Asia/Shanghai',
  });
const deadlines = () =>
  recorded('SlaDeadlinesSet', {
    complaintId: 'c-1',
    reason: 'classified',
    deadlines: [
      deadline('acknowledge', '2026-11-24T02:00:00.000Z'),
      deadline('resolve', '2026-11-26T02:00:00.000Z'),
    ],
    setAt: '2026-11-23T02:00:00.000Z',
  });
const signal = (type: string, milestone: string, at: string) =>
  recorded(type, {
    complaintId: 'c-1',
    milestone,
    dueAt: milestone === 'resolve' ? '2026-11-26T02:00:00.000Z' : '2026-11-24T02:00:00.000Z',
    raisedAt: at,
    breachedAt: at,
  });

describe('the view’s sla (api.md)', () => {
  it('shows the acknowledgement promised at registration until the clocks run', () => {
    expect(fold().sla).toEqual({ respondBy: '2026-11-24T02:00:00.000Z', resolveBy: null, state: 'on_track' });
  });

  it('shows the clocks’ due instants, per milestone its target, actual and remaining working time', () => {
    const { sla } = fold(started(), deadlines());
    expect(sla).toMatchObject({
      respondBy: '2026-11-24T02:00:00.000Z',
      resolveBy: '2026-11-26T02:00:00.000Z',
      state: 'on_track',
    });
    // Monday 23 Nov 10:0x Shanghai to Thursday 10:00: the rest of Monday, Tuesday, Wednesday, one hour Thursday.
    expect(sla.milestones?.resolve).toMatchObject({
      target: { amount: 24, unit: 'hours' },
      actual: null,
      onTime: null,
    });
    expect(sla.milestones?.resolve?.remainingWorkingMs).toBeGreaterThan(22 * 3_600_000);
  });

  it('is at risk after a warning, paused while waiting, breached after a breach, met once resolved', () => {
    expect(
      fold(started(), deadlines(), signal('SlaWarningRaised', 'acknowledge', '2026-11-23T22:00:00.000Z')).sla
        .state,
    ).toBe('at_risk');
    const paused = recorded('SlaClockPaused', {
      complaintId: 'c-1',
      reason: 'customer',
      pausedAt: '2026-11-23T03:00:00.000Z',
    });
    expect(fold(started(), deadlines(), paused).sla.state).toBe('paused');
    const resumed = recorded('SlaClockResumed', {
      complaintId: 'c-1',
      reason: 'customer',
      resumedAt: '2026-11-23T05:00:00.000Z',
      pausedMs: 7_200_000,
      pausedWorkingMs: 7_200_000,
    });
    expect(fold(started(), deadlines(), paused, resumed).sla).toMatchObject({
      state: 'on_track',
      pausedMs: 7_200_000,
    });
    const breached = fold(
      started(),
      deadlines(),
      signal('SlaBreached', 'acknowledge', '2026-11-24T02:00:00.000Z'),
    );
    expect(breached.sla.state).toBe('breached');
    expect(breached.sla.milestones?.acknowledge?.remainingWorkingMs).toBe(0);
    const met = (milestone: string, metAt: string) =>
      recorded('SlaMilestoneMet', {
        complaintId: 'c-1',
        milestone,
        dueAt: '2026-11-24T02:00:00.000Z',
        metAt,
        onTime: true,
      });
    const resolved = fold(
      started(),
      deadlines(),
      met('acknowledge', '2026-11-23T03:00:00.000Z'),
      met('resolve', '2026-11-23T06:00:00.000Z'),
    );
    expect(resolved.sla.state).toBe('met');
    expect(resolved.sla.milestones?.resolve).toMatchObject({
      actual: '2026-11-23T06:00:00.000Z',
      onTime: true,
    });
  });
});
