import { CHANNELS, REJECTION_REASONS } from '@kesu/intake-contracts';
import type { EventStore } from '@kesu/ports';
import { complaintWith, type Step } from './kpi.test-support';

/*
 * A generated history of complaints through every lifecycle path, deterministic for a seed: on the
 * spot, rejected (each reason, some appealed and overturned), withdrawn, repeats, and accepted ones
 * classified, assigned, transferred, escalated, resolved with and without compensation, met or
 * breached their SLA, closed, surveyed, reopened and closed again, re-reviewed.
 */

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const BRANCHES = ['east-1', 'east-2', 'west-1', 'west-2'];
const CATEGORIES = ['service_attitude', 'communication', 'fees', 'network_quality', 'billing'];
const SEVERITIES = ['minor', 'general', 'major', 'critical'];
const HOUR = 3_600_000;

/** One complaint's steps after its registration at `t0` (ms), chosen by `next`. */
export function lifecycle(next: () => number, t0: number): Step[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const at = (hours: number) => new Date(t0 + hours * HOUR).toISOString();
  const path = next();
  if (path < 0.1) return [['ComplaintResolvedOnTheSpot', { remedy: '当场解释', resolvedAt: at(0.3) }]];
  if (path < 0.18) {
    const rejected: Step = [
      'ComplaintRejected',
      { reason: pick(REJECTION_REASONS), explanation: '…', automatic: false, rejectedAt: at(2) },
    ];
    if (next() < 0.5) return [rejected];
    return [
      rejected,
      ['RejectionAppealed', { grounds: '…', appealedAt: at(20) }],
      ['AppealDecided', { outcome: 'overturned', explanation: '…', decidedAt: at(30) }],
    ];
  }
  if (path < 0.21) return [['ComplaintWithdrawn', { reason: '…', withdrawnAt: at(3) }]];
  const steps: Step[] = [];
  if (next() < 0.08)
    steps.push([
      'RepeatComplaintFlagged',
      { repeatOf: 'x', repeatOfReference: 'KS', similarity: 0.9, flaggedAt: at(0) },
    ]);
  steps.push(['ComplaintAccepted', { acceptedAt: at(1) }]);
  steps.push([
    'ComplaintClassified',
    { category: pick(CATEGORIES), severity: pick(SEVERITIES), classifiedAt: at(1) },
  ]);
  steps.push([
    'ComplaintAssigned',
    {
      departmentId: pick(['service', 'billing', 'network']),
      assigneeId: `u-${Math.floor(next() * 12)}`,
      assignedAt: at(2),
    },
  ]);
  if (next() < 0.1)
    steps.push([
      'ComplaintReclassified',
      { category: pick(CATEGORIES), reason: '…', reclassifiedBy: 'u', reclassifiedAt: at(3) },
    ]);
  if (next() < 0.1)
    steps.push([
      'ComplaintTransferred',
      {
        fromDepartmentId: 'service',
        toDepartmentId: 'network',
        reason: '…',
        transferredBy: 'u',
        transfers: 1,
        transferredAt: at(4),
      },
    ]);
  if (next() < 0.1) steps.push(['ComplaintEscalated', { level: 'branch', escalatedAt: at(5) }]);
  const open = next();
  if (open < 0.1) return steps;
  const hours = 4 + next() * 200;
  const amount = next() < 0.2 ? Math.round(next() * 50_000) / 100 : undefined;
  steps.push([
    'ComplaintResolved',
    {
      resolvedAt: at(hours),
      outcome: 'agreed',
      summary: '…',
      remedies:
        amount === undefined
          ? [{ type: 'explanation' }]
          : [{ type: 'compensation', amount, currency: 'CNY' }],
    },
  ]);
  if (next() < 0.15)
    steps.push(['SlaBreached', { milestone: 'resolve', dueAt: at(hours - 1), breachedAt: at(hours - 1) }]);
  steps.push([
    'SlaMilestoneMet',
    { milestone: 'resolve', dueAt: at(72), metAt: at(hours), onTime: hours <= 72 },
  ]);
  if (open < 0.2) return steps;
  steps.push([
    'ComplaintClosed',
    { closedAt: at(hours + 24), finalCategory: pick(CATEGORIES), outcome: 'resolved', closedBy: 'u' },
  ]);
  if (next() < 0.7)
    steps.push([
      'SatisfactionRecorded',
      {
        recordedAt: at(hours + 48),
        satisfaction: pick(['satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied']),
        via: 'callback',
        recordedBy: 'u',
      },
    ]);
  if (next() < 0.06) {
    steps.push([
      'ComplaintReopened',
      { reopenedAt: at(hours + 60), reason: 'unsatisfied', reopenCount: 1, reopenedBy: 'u' },
    ]);
    if (next() < 0.5)
      steps.push([
        'ComplaintClosed',
        { closedAt: at(hours + 90), finalCategory: pick(CATEGORIES), outcome: 'resolved', closedBy: 'u' },
      ]);
  }
  if (next() < 0.04) {
    steps.push([
      'ReReviewRequested',
      {
        requestedAt: at(hours + 100),
        recordedBy: 'u',
        reviewerId: 'r',
        reason: '…',
        answerDueBy: at(hours + 200),
      },
    ]);
    steps.push([
      'ReReviewDecided',
      { decidedAt: at(hours + 150), reviewerId: 'r', outcome: pick(['upheld', 'changed']), explanation: '…' },
    ]);
  }
  return steps;
}

/** Appends `count` complaints' histories over the months before `until`, `parallel` at a time. */
export async function generateHistory(
  store: EventStore,
  count: number,
  seed: number,
  parallel = 50,
): Promise<void> {
  const next = random(seed);
  const until = Date.parse('2026-11-30T00:00:00.000Z');
  const histories = Array.from({ length: count }, () => {
    const t0 = until - Math.floor(next() * 180 * 24) * HOUR;
    return {
      receivedAt: new Date(t0).toISOString(),
      branchId: BRANCHES[Math.floor(next() * BRANCHES.length)]!,
      channel: CHANNELS[Math.floor(next() * CHANNELS.length)]!,
      steps: lifecycle(next, t0),
    };
  });
  for (let i = 0; i < histories.length; i += parallel) {
    await Promise.all(
      histories.slice(i, i + parallel).map(({ steps, ...at }) => complaintWith(store, at, steps)),
    );
  }
}
