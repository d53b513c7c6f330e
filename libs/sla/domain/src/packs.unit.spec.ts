import { chinaMainlandCalendar } from '@kesu/calendar';
import { deadlineOf } from './deadlines';
import {
  CN_12315_PACK,
  CN_BANKING_INSURANCE_PACK,
  SEEDS_DEFAULT_PACK,
  UK_FCA_DISP_PACK,
  US_CFPB_PACK,
} from './packs';
import { type ComplaintFacts, rulesFor } from './policy';

const china = chinaMainlandCalendar();
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
/** Wednesday 4 March 2026, 10:00 in Shanghai. */
const RECEIVED = sh('2026-03-04T10:00:00');
const facts = (f: Partial<ComplaintFacts> = {}): ComplaintFacts => ({
  branchId: 'b1',
  channel: 'phone',
  ...f,
});
const policyOf = (packId: string) => ({ defaultPackId: packId, selections: [], overrides: [] });

function dueOf(packId: string, milestone: Parameters<typeof deadlineOf>[1], f: Partial<ComplaintFacts> = {}) {
  const rules = rulesFor(policyOf(packId), facts(f));
  const target = rules.targets[milestone];
  if (!target) return undefined;
  return deadlineOf(china, milestone, RECEIVED, target, rules.warningThreshold).dueAt;
}

describe("the seeds' default pack", () => {
  it('acknowledges within 24 hours, makes first contact within a working day', () => {
    expect(dueOf(SEEDS_DEFAULT_PACK.id, 'acknowledge')).toBe(sh('2026-03-05T10:00:00'));
    expect(dueOf(SEEDS_DEFAULT_PACK.id, 'first_contact')).toBe(sh('2026-03-05T18:00:00'));
  });

  it.each([
    ['minor', sh('2026-03-06T10:00:00')],
    ['general', sh('2026-03-07T10:00:00')],
    ['major', sh('2026-03-07T10:00:00')],
    ['critical', sh('2026-03-14T10:00:00')],
  ])('resolves a %s complaint by %s', (severity, due) => {
    expect(dueOf(SEEDS_DEFAULT_PACK.id, 'resolve', { severity })).toBe(due);
  });

  it('a critical complaint has its clear answer within 2 days; others have no such milestone', () => {
    expect(dueOf(SEEDS_DEFAULT_PACK.id, 'respond', { severity: 'critical' })).toBe(sh('2026-03-06T10:00:00'));
    expect(dueOf(SEEDS_DEFAULT_PACK.id, 'respond', { severity: 'minor' })).toBeUndefined();
  });

  it('investigates within 7 working days, extendable to 15 with the branch manager, re-reviews within 6', () => {
    expect(dueOf(SEEDS_DEFAULT_PACK.id, 'investigation')).toBe(sh('2026-03-13T18:00:00'));
    expect(dueOf(SEEDS_DEFAULT_PACK.id, 're_review_answer')).toBe(sh('2026-03-12T18:00:00'));
    expect(rulesFor(policyOf(SEEDS_DEFAULT_PACK.id), facts()).extensions).toEqual([
      {
        milestone: 'investigation',
        maximum: { amount: 15, unit: 'working_days' },
        approvedBy: 'branch_manager',
      },
    ]);
  });

  it('warns at 80 % of the time allowed', () => {
    const d = deadlineOf(china, 'acknowledge', RECEIVED, { amount: 24, unit: 'hours' }, 0.8);
    expect(d.warnAt).toBe(new Date(Date.parse(RECEIVED) + 0.8 * 24 * 3_600_000).toISOString());
  });
});

describe('the regulators’ packs', () => {
  it('China banking and insurance: a decision in 15 days, 30 with approval, 60 with higher approval; appraisal excluded', () => {
    expect(dueOf(CN_BANKING_INSURANCE_PACK.id, 'resolve')).toBe(sh('2026-03-19T10:00:00'));
    expect(CN_BANKING_INSURANCE_PACK.extensions.map((e) => [e.maximum.amount, e.approvedBy])).toEqual([
      [30, 'branch_manager'],
      [60, 'director'],
    ]);
    expect(CN_BANKING_INSURANCE_PACK.pausesFor).toEqual(['external_appraisal']);
  });

  it('12315: accept or reject within 7 working days (National Day and its make-up Saturday counted)', () => {
    expect(dueOf(CN_12315_PACK.id, 'acknowledge')).toBe(sh('2026-03-13T18:00:00'));
    const rules = rulesFor(policyOf(CN_12315_PACK.id), facts());
    const acrossHoliday = deadlineOf(
      china,
      'acknowledge',
      sh('2026-09-30T10:00:00'),
      rules.targets.acknowledge!,
      0.8,
    );
    expect(acrossHoliday.dueAt).toBe(sh('2026-10-15T18:00:00'));
  });

  it('UK FCA DISP: summary resolution by the close of the third business day, final response within 8 weeks', () => {
    expect(dueOf(UK_FCA_DISP_PACK.id, 'respond')).toBe(sh('2026-03-09T18:00:00'));
    expect(dueOf(UK_FCA_DISP_PACK.id, 'resolve')).toBe(sh('2026-04-29T10:00:00'));
  });

  it('US CFPB: a response within 15 days, the final one within 60', () => {
    expect(dueOf(US_CFPB_PACK.id, 'respond')).toBe(sh('2026-03-19T10:00:00'));
    expect(dueOf(US_CFPB_PACK.id, 'resolve')).toBe(sh('2026-05-03T10:00:00'));
  });
});
