import { DEMO_PATHS, type DemoHistoryPlan, planDemoHistory } from './demo-history-plan';

const TO = Date.parse('2026-12-06T04:00:00.000Z');
const FROM = TO - 182 * 86_400_000;

const monthOf = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 7);
const registrations = (plan: DemoHistoryPlan) => plan.agenda.filter((s) => s.action.kind === 'register');

describe('the demo history plan', () => {
  const plan = planDemoHistory(18, FROM, TO, 400);

  it('is the same for the same seed and differs for another', () => {
    expect(planDemoHistory(18, FROM, TO, 400)).toEqual(plan);
    const other = planDemoHistory(19, FROM, TO, 400);
    expect(other.complaints.map((c) => c.description)).not.toEqual(plan.complaints.map((c) => c.description));
  });

  it('registers about as many complaints as asked, and the collective incident of twenty besides', () => {
    const collective = plan.complaints.filter((c) => c.path === 'collective');
    expect(collective).toHaveLength(20);
    expect(new Set(collective.map((c) => c.branchId))).toEqual(new Set(['east-2']));
    expect(plan.complaints.length - 20).toBeGreaterThanOrEqual(395);
    expect(plan.complaints.length - 20).toBeLessThanOrEqual(400);
    expect(registrations(plan)).toHaveLength(plan.complaints.length);
  });

  it('takes every path, at every branch', () => {
    expect(new Set(plan.complaints.map((c) => c.path))).toEqual(new Set(DEMO_PATHS));
    expect(new Set(plan.complaints.map((c) => c.branchId))).toEqual(
      new Set(['east-1', 'east-2', 'west-1', 'west-2']),
    );
    const kinds = new Set(plan.agenda.map((s) => s.action.kind));
    for (const kind of [
      'reject',
      'withdraw',
      'take',
      'escalate',
      'approve',
      'agree',
      'resolve',
      'reopen',
      're_review',
    ])
      expect(kinds).toContain(kind);
  });

  it('keeps the steps in time order within the period, each complaint registered first', () => {
    const ats = plan.agenda.map((s) => s.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(Math.min(...ats)).toBeGreaterThanOrEqual(FROM);
    expect(Math.max(...ats)).toBeLessThan(TO);
    const first = new Map<number, string>();
    for (const step of plan.agenda)
      if (!first.has(step.complaint)) first.set(step.complaint, step.action.kind);
    expect(new Set(first.values())).toEqual(new Set(['register']));
  });

  it('swings with the seasons: summer months receive more than spring and autumn ones', () => {
    const perMonth = new Map<string, number>();
    for (const step of registrations(plan)) {
      const c = plan.complaints[step.complaint]!;
      if (c.path !== 'collective') perMonth.set(monthOf(step.at), (perMonth.get(monthOf(step.at)) ?? 0) + 1);
    }
    expect(perMonth.get('2026-07')!).toBeGreaterThan(perMonth.get('2026-10')! * 1.3);
    expect(perMonth.get('2026-08')!).toBeGreaterThan(perMonth.get('2026-09')! * 1.2);
  });

  it('has a repeat come from a complainant of an earlier complaint, about the same matter', () => {
    const repeat = plan.complaints.find((c) => c.path === 'repeat')!;
    const earlier = plan.complaints.find(
      (c) => c.n < repeat.n && c.complainant.phone === repeat.complainant.phone,
    );
    expect(earlier?.situation).toBe(repeat.situation);
  });
});
