import type { EscalationEvent, EscalationLevel, EscalationTrigger } from '@kesu/assignment-contracts';
import type { ChainHolder, ChainLevel, EscalatedComplaint } from './escalation';
import type { EscalateComplaint, EscalateOnTriggers, HandBackEscalation } from './escalation-commands';
import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';

/*
 * What the escalation specs share: a complaint of the Shanghai branch (east-1), the chain above it
 * with a holder at every level, and commands on it at 10:00 Shanghai time.
 */

export const complaint: EscalatedComplaint = {
  complaintId: 'c-1',
  reference: 'KS-20260302-000001',
  ended: false,
};

/** 2026-03-02 10:00 in Shanghai. */
export const at = '2026-03-02T02:00:00.000Z';
export const later = '2026-03-02T05:00:00.000Z';

const person = (personId: string, zh: string, en: string, language: 'zh' | 'en' = 'zh'): ChainHolder => ({
  personId,
  name: { zh, en },
  language,
});

export const head = person('user-head-cs', '孙丽', 'Sun Li');
export const manager = person('user-manager1', '陈静', 'Chen Jing');
export const supervisor = person('user-supervisor1', '刘洋', 'Liu Yang', 'en');
export const director = person('user-director1', '杨磊', 'Yang Lei');

/** The chain above the complaint: every level held. */
export const chain: readonly ChainLevel[] = [
  { level: 'department', unitId: 'east-1-cs', holder: head },
  { level: 'branch', unitId: 'east-1', holder: manager },
  { level: 'region', unitId: 'east', holder: supervisor },
  { level: 'headquarters', unitId: 'hq', holder: director },
];

/** The chain with nobody at these levels. */
export const chainWithout = (...levels: EscalationLevel[]): ChainLevel[] =>
  chain.map((l) => (levels.includes(l.level) ? { ...l, holder: null } : l));

const base = { complaint, chain, timeZone: 'Asia/Shanghai', at };

export const escalateBy = (by: string, reason = '客户情绪激动，需要上级处理'): EscalateComplaint => ({
  ...base,
  type: 'EscalateComplaint',
  reason,
  by,
});

export const onTriggers = (
  triggers: readonly EscalationTrigger[],
  rules = DEFAULT_ESCALATION_POLICY.rules,
): EscalateOnTriggers => ({ ...base, type: 'EscalateOnTriggers', triggers, rules, by: 'assignment' });

export const handBackBy = (by: string, note = '已核实处理方案，交回跟进'): HandBackEscalation => ({
  ...base,
  type: 'HandBackEscalation',
  note,
  by,
  at: later,
});

/** A ComplaintEscalated to `level` held by `holderId` (what the given of a spec needs). */
export const escalatedTo = (
  level: EscalationLevel,
  holderId: string,
  extra: { triggers?: EscalationTrigger[]; since?: string } = {},
): EscalationEvent => ({
  type: 'ComplaintEscalated',
  data: {
    complaintId: complaint.complaintId,
    level,
    unitId: chain.find((l) => l.level === level)!.unitId,
    holderId,
    from: null,
    mode: extra.triggers ? 'automatic' : 'manual',
    reason: extra.triggers ? null : 'earlier',
    triggers: extra.triggers ?? [],
    skipped: [],
    respondBy: null,
    escalatedBy: 'user-handler1',
    escalatedAt: extra.since ?? at,
  },
});

/** The data of the events a decision produced, by type. */
export const ofType = <T extends EscalationEvent['type']>(events: readonly EscalationEvent[], type: T) =>
  events.filter((e) => e.type === type).map((e) => e.data as Extract<EscalationEvent, { type: T }>['data']);
