import { chooseAssignee, type ChoiceInput } from './choose';
import { EQUAL_WEIGHTS, person } from './dispatch.test-support';
import { emptyWorkload, type WorkloadState } from './workload';

const complaintId = 'c-new';

/** A workload holding these severities (ids c0, c1, …), last taken at `lastTakenAt`. */
const holding = (
  severities: WorkloadState['open'][string][],
  lastTakenAt: string | null = null,
): WorkloadState => ({
  open: Object.fromEntries(severities.map((s, i) => [`c${i}`, s])),
  takenAt: {},
  lastTakenAt,
});

const choice = (overrides: Partial<ChoiceInput>): ChoiceInput => ({
  complaintId,
  category: 'service_attitude',
  language: 'zh',
  level: 'handler',
  people: [person('h1'), person('h2'), person('h3')],
  workloads: {},
  weights: EQUAL_WEIGHTS,
  ...overrides,
});

describe('who is eligible', () => {
  it('records each person considered with why they were not eligible', () => {
    const { candidates, chosen } = chooseAssignee(
      choice({
        people: [
          person('h1', { onDuty: false }),
          person('h2', { skills: ['billing'] }),
          person('h3', { languages: ['en'] }),
          person('h4', { capacity: 2 }),
          person('h5'),
          person('h6'),
        ],
        workloads: { h4: holding(['minor', 'minor']) },
        returnedBy: ['h5'],
        handingOn: 'h6',
      }),
    );
    expect(chosen).toBeNull();
    expect(candidates.map((c) => [c.personId, c.ineligible])).toEqual([
      ['h1', ['off_duty']],
      ['h2', ['lacks_skill']],
      ['h3', ['lacks_language']],
      ['h4', ['at_capacity']],
      ['h5', ['returned_it']],
      ['h6', ['holds_it']],
    ]);
    expect(candidates.every((c) => !c.eligible)).toBe(true);
  });

  it('takes a skill in a category above the complaint’s (billing for billing.overcharge)', () => {
    const { chosen } = chooseAssignee(choice({ category: 'billing.overcharge', people: [person('h1')] }));
    expect(chosen).toEqual({ personId: 'h1', reason: 'only_eligible' });
  });

  it('does not ask skills when a person chose the department (a transfer disputes the category)', () => {
    const { chosen } = chooseAssignee(
      choice({ people: [person('t1', { skills: ['safety'] })], ignoreSkills: true }),
    );
    expect(chosen?.personId).toBe('t1');
  });

  it('asks skills and languages of handlers only: a manager is chosen by duty and capacity', () => {
    const manager = person('m1', { roles: ['branch_manager'], skills: [], languages: ['zh'] });
    const { chosen } = chooseAssignee(choice({ level: 'branch_manager', language: 'en', people: [manager] }));
    expect(chosen?.personId).toBe('m1');
  });

  it('does not count the complaint itself against its holder (a redelivered decision is the same)', () => {
    const workloads = { h1: { open: { [complaintId]: 'general' as const }, takenAt: {}, lastTakenAt: null } };
    const { candidates } = chooseAssignee(choice({ people: [person('h1', { capacity: 1 })], workloads }));
    expect(candidates[0]).toMatchObject({ eligible: true, openComplaints: 0, weightedLoad: 0 });
  });
});

describe('who wins, deterministically', () => {
  it('the lowest open workload weighted by severity', () => {
    const weights = { minor: 1, general: 2, major: 4, critical: 8 };
    const workloads = {
      h1: holding(['critical']),
      h2: holding(['minor', 'minor', 'general']),
      h3: holding(['major', 'minor']),
    };
    const { chosen, candidates } = chooseAssignee(choice({ workloads, weights }));
    expect(candidates.map((c) => c.weightedLoad)).toEqual([8, 4, 5]);
    expect(chosen).toEqual({ personId: 'h2', reason: 'lowest_weighted_load' });
  });

  it('on the same weighted load, the fewest open complaints', () => {
    const weights = { minor: 1, general: 2, major: 4, critical: 8 };
    const workloads = { h1: holding(['minor', 'minor']), h2: holding(['general']), h3: holding(['major']) };
    expect(chooseAssignee(choice({ workloads, weights })).chosen).toEqual({
      personId: 'h2',
      reason: 'fewest_open',
    });
  });

  it('on the same again, the one whose last assignment is longest ago, then the first by id', () => {
    const workloads = {
      h1: holding(['minor'], '2026-11-23T03:00:00.000Z'),
      h2: holding(['minor'], '2026-11-23T01:00:00.000Z'),
      h3: holding(['minor'], '2026-11-23T02:00:00.000Z'),
    };
    expect(chooseAssignee(choice({ workloads })).chosen).toEqual({
      personId: 'h2',
      reason: 'waited_longest',
    });
    expect(chooseAssignee(choice({})).chosen).toEqual({ personId: 'h1', reason: 'first_by_id' });
  });

  it('lists people once, in id order, whatever order the directory gave', () => {
    const { candidates } = chooseAssignee(
      choice({ people: [person('h3'), person('h1'), person('h3'), person('h2')] }),
    );
    expect(candidates.map((c) => c.personId)).toEqual(['h1', 'h2', 'h3']);
  });

  it('spreads a run of complaints evenly: each goes to the least loaded', () => {
    const workloads: Record<string, WorkloadState> = {};
    for (let i = 0; i < 30; i++) {
      const people = ['h1', 'h2', 'h3'].map((id) => person(id, { capacity: 100 }));
      const { chosen } = chooseAssignee(choice({ complaintId: `n${i}`, people, workloads }));
      const held = workloads[chosen!.personId] ?? emptyWorkload();
      workloads[chosen!.personId] = {
        open: { ...held.open, [`n${i}`]: 'general' },
        takenAt: {},
        lastTakenAt: `t${i}`,
      };
    }
    expect(Object.values(workloads).map((w) => Object.keys(w.open).length)).toEqual([10, 10, 10]);
  });
});
