import { causeShares, countsByGroup, figuresOf, growthOf, hotSpotsOf, p90Of, sumCells } from './kpi-figures';
import { happened, received, Rollups } from './kpi.test-support';

/*
 * KPIs as sums over rollup cells, against hand-computed figures — the seeds' own among them: 326
 * satisfied of 327 surveyed is 99.7 %, 1 closed of 3 accepted is 33.3 %, 161 against 100 is +61 %.
 */

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('KPI rollups', () => {
  it('satisfaction: 326 satisfied of 327 surveyed is 99.7 %', () => {
    const rollups = new Rollups();
    ids('s', 327).forEach((id, i) =>
      rollups.apply(
        received(id, '2026-11-02T01:00:00.000Z'),
        happened(id, 'SatisfactionRecorded', {
          recordedAt: '2026-11-05T01:00:00.000Z',
          satisfaction: i === 0 ? 'unsatisfied' : 'satisfied',
        }),
      ),
    );
    const figures = figuresOf(sumCells(rollups.of('hq')));
    expect(figures).toMatchObject({
      received: 327,
      surveyed: 327,
      satisfied: 326,
      unsatisfied: 1,
      satisfactionRate: 99.7,
    });
  });

  it('closure: 1 closed of 3 accepted is 33.3 %; a reopened complaint is not closed until closed again', () => {
    const rollups = new Rollups();
    for (const id of ['a', 'b', 'c']) {
      rollups.apply(
        received(id, '2026-11-02T01:00:00.000Z'),
        happened(id, 'ComplaintAccepted', { acceptedAt: '2026-11-02T02:00:00.000Z' }),
      );
    }
    const closed = (id: string, at: string) =>
      happened(id, 'ComplaintClosed', { closedAt: at, finalCategory: 'billing', outcome: 'resolved' });
    rollups.apply(closed('a', '2026-11-03T01:00:00.000Z'), closed('b', '2026-11-03T01:00:00.000Z'));
    rollups.apply(
      happened('b', 'ComplaintReopened', { reopenedAt: '2026-11-04T01:00:00.000Z', reason: 'unsatisfied' }),
    );
    expect(figuresOf(sumCells(rollups.of('east-1')))).toMatchObject({
      accepted: 3,
      closed: 1,
      reopened: 1,
      closureRate: 33.3,
    });
  });

  it('growth: 161 received against 100 is +61 %, and hot spots are the causes that rose most', () => {
    expect(growthOf(161, 100)).toBe(61);
    expect(growthOf(5, 0)).toBeNull();
    const rollups = new Rollups();
    const classified = (id: string, category: string) =>
      happened(id, 'ComplaintClassified', { category, severity: 'general' });
    ids('p', 100).forEach((id, i) =>
      rollups.apply(received(id, '2026-10-10T01:00:00.000Z'), classified(id, i < 50 ? 'fees' : 'attitude')),
    );
    ids('c', 161).forEach((id, i) =>
      rollups.apply(received(id, '2026-11-10T01:00:00.000Z'), classified(id, i < 120 ? 'fees' : 'attitude')),
    );
    const cells = rollups.of('hq');
    const november = cells.filter((cell) => cell.day.startsWith('2026-11'));
    const october = cells.filter((cell) => cell.day.startsWith('2026-10'));
    expect(growthOf(figuresOf(sumCells(november)).received, figuresOf(sumCells(october)).received)).toBe(61);
    const shares = causeShares(countsByGroup(november, 'category'), countsByGroup(october, 'category'));
    expect(shares).toEqual([
      { key: 'fees', received: 120, share: 74.5, previous: 50, rise: 70, growth: 140 },
      { key: 'attitude', received: 41, share: 25.5, previous: 50, rise: -9, growth: -18 },
    ]);
    expect(hotSpotsOf(shares).map((cause) => cause.key)).toEqual(['fees']);
  });

  it('counts each thing on the tenant’s day it happened, under the branch and each ancestor', () => {
    const rollups = new Rollups().apply(received('d', '2026-11-30T17:00:00.000Z', 'west-1'));
    for (const unit of ['west-1', 'west', 'hq'])
      expect(rollups.of(unit).map((cell) => cell.day)).toEqual(['2026-12-01']);
    expect(rollups.of('east')).toEqual([]);
  });

  it('moves a complaint’s counts when it is reclassified or transferred', () => {
    const rollups = new Rollups().apply(
      received('m', '2026-11-02T01:00:00.000Z'),
      happened('m', 'ComplaintClassified', { category: 'fees', severity: 'minor' }),
      happened('m', 'ComplaintAssigned', { departmentId: 'billing', assigneeId: 'u-1' }),
      happened('m', 'ComplaintReclassified', { category: 'attitude' }),
      happened('m', 'ComplaintTransferred', { toDepartmentId: 'service' }),
    );
    const cells = rollups.of('east-1');
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({
      category: 'attitude',
      severity: 'minor',
      departmentId: 'service',
      handlerId: 'unknown',
      counts: { received: 1 },
    });
  });

  it('rejections by reason, on-the-spot, SLA, escalation, repeats, re-reviews and compensation', () => {
    const rollups = new Rollups().apply(
      received('r', '2026-11-02T01:00:00.000Z'),
      happened('r', 'ComplaintRejected', { rejectedAt: '2026-11-02T02:00:00.000Z', reason: 'out_of_scope' }),
      received('o', '2026-11-02T01:00:00.000Z'),
      happened('o', 'ComplaintResolvedOnTheSpot', { resolvedAt: '2026-11-02T01:30:00.000Z' }),
      received('t', '2026-11-02T00:00:00.000Z'),
      happened('t', 'RepeatComplaintFlagged', { flaggedAt: '2026-11-02T00:00:00.000Z' }),
      happened('t', 'ComplaintAccepted', { acceptedAt: '2026-11-02T00:10:00.000Z' }),
      happened('t', 'SlaBreached', { milestone: 'first_contact', breachedAt: '2026-11-02T05:00:00.000Z' }),
      happened('t', 'SlaBreached', { milestone: 'respond', breachedAt: '2026-11-02T06:00:00.000Z' }),
      happened('t', 'ComplaintEscalated', { escalatedAt: '2026-11-02T07:00:00.000Z' }),
      happened('t', 'ComplaintResolved', {
        resolvedAt: '2026-11-03T00:00:00.000Z',
        remedies: [{ type: 'refund', amount: 12.5, currency: 'CNY' }, { type: 'explanation' }],
      }),
      happened('t', 'SlaMilestoneMet', {
        milestone: 'resolve',
        metAt: '2026-11-03T00:00:00.000Z',
        onTime: true,
      }),
      happened('t', 'ReReviewRequested', { requestedAt: '2026-11-04T00:00:00.000Z' }),
      happened('t', 'ReReviewDecided', { decidedAt: '2026-11-05T00:00:00.000Z', outcome: 'changed' }),
    );
    expect(figuresOf(sumCells(rollups.of('hq')))).toMatchObject({
      received: 3,
      accepted: 1,
      rejected: 1,
      rejectedByReason: { out_of_scope: 1 },
      resolvedOnTheSpot: 1,
      resolved: 1,
      resolvedWithinSla: 1,
      onTimeRate: 100,
      breached: 1,
      escalated: 1,
      escalationRate: 100,
      repeats: 1,
      repeatRate: 33.3,
      reReviews: 1,
      reReviewsChanged: 1,
      compensationPaid: { CNY: 12.5 },
      avgResolutionHours: 12.3,
    });
  });

  it('p90 of resolution times comes from the histogram', () => {
    const counts = {
      resolutions: 10,
      'resolutionWithin:4': 5,
      'resolutionWithin:8': 4,
      'resolutionWithin:24': 1,
    };
    expect(p90Of(counts)).toBe(8);
    expect(p90Of({ resolutions: 10, 'resolutionWithin:24': 10 })).toBe(22.8);
    expect(p90Of({})).toBeNull();
  });
});
