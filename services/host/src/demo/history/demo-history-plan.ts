import type { Channel, RejectionReason } from '@kesu/intake-contracts';
import { COLLECTIVE, type Situation, SITUATIONS, SURNAMES } from './demo-history-texts';

/** The lifecycle paths the history takes; each appears at least once in a history of 100 or more. */
export const DEMO_PATHS = [
  'on_the_spot',
  'rejected',
  'withdrawn',
  'resolved',
  'approved',
  'escalated',
  'breached',
  'reopened',
  're_reviewed',
  'unreachable',
  'repeat',
  'collective',
] as const;
export type DemoPath = (typeof DEMO_PATHS)[number];

/** One thing a demo user does to a complaint (the command it becomes is the history runner's). */
export type DemoAction =
  | { readonly kind: 'register' }
  | { readonly kind: 'reject'; readonly reason: Exclude<RejectionReason, 'withdrawn'> }
  | { readonly kind: 'withdraw' }
  | { readonly kind: 'accept' }
  | { readonly kind: 'take' }
  | { readonly kind: 'escalate' }
  | { readonly kind: 'contact' }
  | { readonly kind: 'investigate' }
  | { readonly kind: 'find' }
  | { readonly kind: 'propose'; readonly amount: number; readonly compensation: boolean }
  | { readonly kind: 'approve' }
  | { readonly kind: 'offer' }
  | { readonly kind: 'agree' }
  | { readonly kind: 'execute' }
  | { readonly kind: 'resolve' }
  | {
      readonly kind: 'callback';
      readonly answer: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | 'unreached';
    }
  | { readonly kind: 'reopen' }
  | { readonly kind: 're_review' }
  | { readonly kind: 'decide_re_review'; readonly outcome: 'upheld' | 'changed' };

/** A step of the agenda: what happens to which complaint, when (ms since the epoch). */
export interface DemoStep {
  readonly at: number;
  readonly complaint: number;
  /** The step's place in its complaint's steps (part of its idempotency key). */
  readonly index: number;
  readonly action: DemoAction;
}

/** One complaint of the history: where, from whom, about what, and the path it takes. */
export interface DemoComplaint {
  readonly n: number;
  readonly path: DemoPath;
  readonly branchId: string;
  readonly agent: 'agent1' | 'agent2';
  readonly channel: Channel;
  readonly channelDetails?: Record<string, string>;
  readonly complainant: { readonly name: string; readonly phone?: string };
  readonly situation: Situation;
  readonly description: string;
  readonly emotion: 'calm' | 'upset' | 'angry';
}

export interface DemoHistoryPlan {
  readonly complaints: readonly DemoComplaint[];
  /** Every complaint's steps, sorted by time (ties in complaint and step order). */
  readonly agenda: readonly DemoStep[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Branches and their share of the complaints. */
const BRANCHES: readonly (readonly [string, number])[] = [
  ['east-1', 0.34],
  ['east-2', 0.26],
  ['west-1', 0.22],
  ['west-2', 0.18],
];
/** The seasons: the months' weights (Jan…Dec) — summer peaks and heating bills, the New Year lull. */
const MONTH_WEIGHT = [1.25, 0.75, 0.95, 0.9, 1.0, 1.25, 1.45, 1.4, 1.0, 0.85, 1.0, 1.2];
const CHANNELS: readonly Channel[] = [
  'hotline',
  'hotline',
  'hotline',
  'web',
  'web',
  'walk_in',
  'gov_hotline_12345',
];
const REASONS: readonly Exclude<RejectionReason, 'withdrawn'>[] = [
  'not_in_scope',
  'no_factual_basis',
  'resolved_elsewhere',
];

/** A small deterministic generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The days from `from` to `to` (ms, Shanghai midnight) with their share of the complaints. */
function days(from: number, to: number): { start: number; weight: number }[] {
  const out: { start: number; weight: number }[] = [];
  for (let start = from; start + DAY <= to; start += DAY) {
    const local = new Date(start + 8 * HOUR);
    const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
    out.push({ start, weight: MONTH_WEIGHT[local.getUTCMonth()]! * (weekend ? 0.55 : 1) });
  }
  return out;
}

/**
 * The demo history of `count` complaints (about) received between `from` and `to`: paths, people,
 * texts and every step's instant, all drawn from `seed` — the same arguments give the same plan.
 * Steps later than `to` are left out (those complaints are still open at the end).
 */
export function planDemoHistory(seed: number, from: number, to: number, count: number): DemoHistoryPlan {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const calendar = days(Math.floor((from + 8 * HOUR) / DAY) * DAY - 8 * HOUR + DAY, to);
  const total = calendar.reduce((sum, d) => sum + d.weight, 0);
  const complaints: DemoComplaint[] = [];
  const agenda: DemoStep[] = [];
  const add = (complaint: Omit<DemoComplaint, 'n'>, t0: number, actions: readonly [number, DemoAction][]) => {
    const n = complaints.length;
    complaints.push({ n, ...complaint });
    const steps: [number, DemoAction][] = [[t0, { kind: 'register' }], ...actions];
    steps.forEach(([at, action], index) => {
      if (at < to) agenda.push({ at: Math.round(at), complaint: n, index, action });
    });
  };
  const person = (): { name: string; phone: string } => ({
    name: `${pick(SURNAMES)}${next() < 0.5 ? '先生' : '女士'}`,
    phone: `139${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
  });
  const closedPeople: {
    complainant: { name: string; phone: string };
    situation: Situation;
    description: string;
    branch: string;
    at: number;
  }[] = [];
  let carry = 0;
  const collectiveDay = calendar[Math.floor(calendar.length * 0.55)]!.start;
  for (const day of calendar) {
    carry += (day.weight / total) * count;
    const today = Math.floor(carry);
    carry -= today;
    for (let i = 0; i < today; i++) {
      const t0 = day.start + (8.5 + next() * 10) * HOUR;
      const roll = next();
      const branchRoll = next();
      let acc = 0;
      const branchId = BRANCHES.find(([, share]) => (acc += share) > branchRoll)?.[0] ?? 'east-1';
      const agent = branchId.startsWith('east') ? 'agent1' : 'agent2';
      const channel = pick(CHANNELS);
      let situation = pick(SITUATIONS);
      let complainant: { name: string; phone?: string } = person();
      let path: DemoPath;
      let actions: [number, DemoAction][];
      // A repeat comes from a complainant whose complaint was closed within intake's window (90 days).
      const closed = closedPeople.filter(
        (p) => p.branch === branchId && t0 - p.at > 14 * DAY && t0 - p.at < 80 * DAY,
      );
      const repeatOf = roll >= 0.97 && closed.length > 0 ? pick(closed) : undefined;
      let description = pick(situation.descriptions);
      if (roll < 0.12) {
        path = 'on_the_spot';
        actions = [];
      } else if (roll < 0.17) {
        path = 'rejected';
        actions = [[t0 + 2 * HOUR, { kind: 'reject', reason: pick(REASONS) }]];
      } else if (roll < 0.2) {
        path = 'withdrawn';
        actions = [[t0 + 5 * HOUR, { kind: 'withdraw' }]];
      } else {
        if (repeatOf) {
          ({ situation, complainant } = repeatOf);
          description = `${repeatOf.description}上次处理后问题又出现了。`;
          path = 'repeat';
        } else path = caseworkPath(next());
        actions = casework(path, t0, next);
        if (path === 'resolved' || path === 'approved')
          closedPeople.push({
            complainant: complainant as { name: string; phone: string },
            situation,
            description,
            branch: branchId,
            at: t0,
          });
      }
      add(
        {
          path,
          branchId,
          agent,
          channel,
          ...channelDetailsOf(channel, t0, complaints.length),
          complainant,
          situation,
          description,
          emotion: pick(['calm', 'upset', 'upset', 'angry'] as const),
        },
        t0,
        actions,
      );
    }
    if (day.start === collectiveDay) {
      // Seed 003: twenty owners of one community at the service hall together, about their new meters.
      for (let i = 0; i < 20; i++) {
        const t0 = day.start + (10 + i * 0.05) * HOUR;
        add(
          {
            path: 'collective',
            branchId: 'east-2',
            agent: 'agent1',
            channel: 'walk_in',
            channelDetails: { receptionPoint: '客户服务中心营业厅' },
            complainant: person(),
            situation: COLLECTIVE,
            description: pick(COLLECTIVE.descriptions),
            emotion: 'angry',
          },
          t0,
          casework('collective', t0, next),
        );
      }
    }
  }
  agenda.sort((a, b) => a.at - b.at || a.complaint - b.complaint || a.index - b.index);
  return { complaints, agenda };
}

function caseworkPath(roll: number): DemoPath {
  if (roll < 0.4) return 'resolved';
  if (roll < 0.66) return 'approved';
  if (roll < 0.74) return 'escalated';
  if (roll < 0.85) return 'breached';
  if (roll < 0.93) return 'reopened';
  if (roll < 0.97) return 're_reviewed';
  return 'unreachable';
}

function channelDetailsOf(
  channel: Channel,
  t0: number,
  n: number,
): { channelDetails?: Record<string, string> } {
  if (channel === 'walk_in') return { channelDetails: { receptionPoint: '营业厅' } };
  if (channel !== 'gov_hotline_12345') return {};
  const day = new Date(t0 + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
  return {
    channelDetails: {
      externalOrderNo: `12345-${day}-${String(n).padStart(4, '0')}`,
      transferredAt: new Date(t0 - HOUR).toISOString(),
      governmentDeadline: new Date(t0 + 5 * DAY).toISOString(),
    },
  };
}

/**
 * An accepted complaint's steps from its registration at `t0`: classified and dispatched by the
 * services themselves, then accepted, taken, investigated, a proposal (approved above the handler's
 * limit), the offer agreed, executed, resolved, and the callback — with the path's detours.
 */
function casework(path: DemoPath, t0: number, next: () => number): [number, DemoAction][] {
  const steps: [number, DemoAction][] = [];
  let t = t0;
  const then = (hours: number, action: DemoAction) => {
    t += hours * HOUR;
    steps.push([t, action]);
  };
  then(0.5 + next(), { kind: 'accept' });
  then(0.5 + next() * 1.5, { kind: 'take' });
  then(0.5 + next() * 1.5, { kind: 'contact' });
  if (path === 'escalated') then(2 + next() * 6, { kind: 'escalate' });
  const work = (slow: boolean, amount: number, compensation: boolean) => {
    then(1 + next() * 2, { kind: 'investigate' });
    then(slow ? 24 * (4 + next() * 8) : 3 + next() * 13, { kind: 'find' });
    then(1 + next() * 2, { kind: 'propose', amount, compensation });
    if (amount > 200 || compensation) then(2 + next() * 6, { kind: 'approve' });
    then(1 + next(), { kind: 'offer' });
    then(1 + next() * 5, { kind: 'agree' });
    then(1 + next() * 3, { kind: 'execute' });
    then(1 + next(), { kind: 'resolve' });
  };
  const big = path === 'approved' || path === 'collective' || (path !== 'resolved' && next() < 0.3);
  work(path === 'breached', big ? pickAmount(next) : 0, big && next() < 0.3);
  const callback = (answer: Extract<DemoAction, { kind: 'callback' }>['answer']) =>
    then(20 + next() * 30, { kind: 'callback', answer });
  if (path === 'unreachable') {
    for (let i = 0; i < 3; i++) callback('unreached');
    return steps;
  }
  if (path === 'reopened' || path === 're_reviewed') {
    callback('unsatisfied');
    if (path === 'reopened') then(1 + next(), { kind: 'reopen' });
    else {
      then(2 + next() * 20, { kind: 're_review' });
      const outcome = next() < 0.5 ? 'upheld' : 'changed';
      then(20 + next() * 30, { kind: 'decide_re_review', outcome });
      if (outcome === 'upheld') return steps;
    }
    work(false, 0, false);
  }
  callback(next() < 0.82 ? 'satisfied' : 'basically_satisfied');
  return steps;
}

/** A refund above the handler's limit: the department head's, now and then the branch manager's. */
const pickAmount = (next: () => number): number =>
  next() < 0.8 ? 300 + Math.round(next() * 15) * 100 : 3000 + Math.round(next() * 20) * 500;
