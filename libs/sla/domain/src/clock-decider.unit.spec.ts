import { DomainRuleViolation, ForbiddenError } from '@kesu/kernel';
import { slaClockDecider } from './clock-decider';
import { nextTimerOf } from './clock-state';
import { calendar, classify, RECEIVED, rules, run, sh, start, stateAfter } from './clock.test-support';

const fireAt = (now: string) => ({ type: 'FireTimers' as const, now, lateAfterMs: 60_000 });

describe("a complaint's clocks", () => {
  it('start on receipt with each milestone’s due and warning instants, then pick the severity’s targets', () => {
    const events = run([start(), classify('major')]);
    expect(events.map((e) => e.type)).toEqual(['SlaClockStarted', 'SlaDeadlinesSet', 'SlaDeadlinesSet']);
    const state = stateAfter(events);
    expect(state.milestones.acknowledge).toMatchObject({
      dueAt: sh('2026-03-05T10:00:00'),
      warnAt: sh('2026-03-05T05:12:00'),
    });
    expect(state.milestones.resolve?.dueAt).toBe(sh('2026-03-07T10:00:00'));
    expect(state.severity).toBe('major');
    expect(nextTimerOf(state)).toBe(sh('2026-03-05T05:12:00'));
  });

  it('raise the warning at the threshold and the breach at the due instant, each once', () => {
    const given = run([start()]);
    expect(run([fireAt(sh('2026-03-05T05:11:59'))], given).slice(given.length)).toEqual([]);
    const warned = run([fireAt(sh('2026-03-05T05:12:00'))], given);
    expect(warned.slice(given.length)).toEqual([
      {
        type: 'SlaWarningRaised',
        data: {
          complaintId: 'c1',
          milestone: 'acknowledge',
          dueAt: sh('2026-03-05T10:00:00'),
          raisedAt: sh('2026-03-05T05:12:00'),
        },
      },
    ]);
    expect(run([fireAt(sh('2026-03-05T06:00:00'))], warned).slice(warned.length)).toEqual([]);
    const breached = run([fireAt(sh('2026-03-05T10:00:00'))], warned);
    expect(
      breached.slice(warned.length).map((e) => [e.type, (e.data as { milestone: string }).milestone]),
    ).toEqual([['SlaBreached', 'acknowledge']]);
    expect(
      run([fireAt(sh('2026-03-05T16:00:00'))], breached)
        .slice(breached.length)
        .map((e) => e.type),
    ).toEqual(['SlaWarningRaised']);
  });

  it('mark a timer late when it fires well after its instant (the process was down)', () => {
    const given = run([start()]);
    const late = run([fireAt(sh('2026-03-05T11:00:00'))], given).slice(given.length);
    expect(late.map((e) => [e.type, (e.data as { late?: boolean }).late])).toEqual([
      ['SlaWarningRaised', true],
      ['SlaBreached', true],
    ]);
  });

  it('record a milestone met, on time or not; a met milestone fires nothing', () => {
    const events = run([
      start(),
      { type: 'MeetMilestones', milestones: ['acknowledge'], at: sh('2026-03-04T12:00:00') },
    ]);
    expect(events.at(-1)).toEqual({
      type: 'SlaMilestoneMet',
      data: {
        complaintId: 'c1',
        milestone: 'acknowledge',
        dueAt: sh('2026-03-05T10:00:00'),
        metAt: sh('2026-03-04T12:00:00'),
        onTime: true,
      },
    });
    expect(
      run([fireAt(sh('2026-03-05T10:00:00'))], events)
        .slice(events.length)
        .map((e) => (e.data as { milestone: string }).milestone),
    ).not.toContain('acknowledge');
  });

  it('pause while waiting on the customer and move the deadlines by the working time paused on resume', () => {
    const given = run([start()]);
    const paused = run(
      [{ type: 'Pause', reason: 'customer', pausesFor: ['customer'], at: sh('2026-03-04T11:00:00') }],
      given,
    );
    expect(nextTimerOf(stateAfter(paused))).toBeNull();
    expect(run([fireAt(sh('2026-03-20T00:00:00'))], paused)).toEqual(paused);
    const resumed = run(
      [{ type: 'Resume', reason: 'customer', calendar, at: sh('2026-03-05T11:00:00') }],
      paused,
    );
    expect(resumed.at(-2)).toMatchObject({
      type: 'SlaClockResumed',
      data: { pausedMs: 24 * 3_600_000, pausedWorkingMs: 8 * 3_600_000 },
    });
    const state = stateAfter(resumed);
    // acknowledge is in calendar hours: 24 h later; first contact in working days: 8 working hours later.
    expect(state.milestones.acknowledge?.dueAt).toBe(sh('2026-03-06T10:00:00'));
    expect(state.milestones.first_contact?.dueAt).toBe(sh('2026-03-06T18:00:00'));
    expect(state.pausedMs).toBe(24 * 3_600_000);
  });

  it('do not pause for a wait the pack does not exclude', () => {
    const given = run([start()]);
    expect(
      run([{ type: 'Pause', reason: 'customer', pausesFor: ['external_appraisal'], at: RECEIVED }], given),
    ).toEqual(given);
  });

  it('extend a milestone on the named role’s approval, never beyond the policy’s maximum', () => {
    const given = run([start()]);
    const request = (amount: number) => ({
      type: 'RequestExtension' as const,
      milestone: 'investigation' as const,
      extendBy: { amount, unit: 'working_days' as const },
      reason: 'appraisal report pending',
      requestedBy: 'u1',
      rules: rules(),
      at: sh('2026-03-10T10:00:00'),
    });
    const state = stateAfter(given);
    expect(() => slaClockDecider.decide(request(9), state)).toThrow(DomainRuleViolation);
    const requested = run([request(8)], given);
    expect(requested.at(-1)).toMatchObject({
      type: 'SlaExtensionRequested',
      data: { approverRole: 'branch_manager' },
    });
    const decide = (roles: string[]) => ({
      type: 'DecideExtension' as const,
      approved: true,
      decidedBy: 'm1',
      roles,
      rules: rules(),
      calendar,
      at: sh('2026-03-10T11:00:00'),
    });
    expect(() => slaClockDecider.decide(decide(['supervisor']), stateAfter(requested))).toThrow(
      ForbiddenError,
    );
    const extended = stateAfter(run([decide(['branch_manager'])], requested));
    expect(extended.milestones.investigation).toMatchObject({
      target: { amount: 15, unit: 'working_days' },
      dueAt: sh('2026-03-25T18:00:00'),
    });
    expect(() => slaClockDecider.decide(request(1), extended)).toThrow(DomainRuleViolation);
  });

  it('a government transfer’s earlier deadline bounds the resolution', () => {
    const events = run([start('2026-03-05T02:00:00.000Z'), classify('critical')]);
    expect(stateAfter(events).milestones.resolve).toMatchObject({
      dueAt: '2026-03-05T02:00:00.000Z',
      source: 'government',
    });
  });

  it('stop when the procedure ends, and restart the resolution when the complaint is reopened', () => {
    const stopped = run([start(), { type: 'Stop', reason: 'closed', at: sh('2026-03-04T12:00:00') }]);
    expect(nextTimerOf(stateAfter(stopped))).toBeNull();
    const reopened = run(
      [
        {
          type: 'Restart',
          milestone: 'resolve',
          reason: 'reopened',
          rules: rules('minor'),
          calendar,
          at: sh('2026-03-10T10:00:00'),
        },
      ],
      stopped,
    );
    const state = stateAfter(reopened);
    expect(state.milestones.resolve?.dueAt).toBe(sh('2026-03-12T10:00:00'));
    expect(state.milestones.acknowledge?.ended).toBe(true);
    expect(nextTimerOf(state)).toBe(state.milestones.resolve?.warnAt);
  });
});
