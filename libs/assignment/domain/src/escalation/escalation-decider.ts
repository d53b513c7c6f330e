import { hasVisibleText } from '@kesu/text';
import type {
  EscalationEvent,
  EscalationRule,
  EscalationTrigger,
  LocalizedName,
} from '@kesu/assignment-contracts';
import { assertNever, type Decider, DomainRuleViolation, InvalidInputError } from '@kesu/kernel';
import {
  type ChainLevel,
  type EscalatedComplaint,
  type EscalationState,
  evolveEscalation,
  holding,
  initialEscalationState,
  RECURRING_TRIGGERS,
} from './escalation';
import type {
  EscalateComplaint,
  EscalateOnTriggers,
  EscalationCommand,
  HandBackEscalation,
} from './escalation-commands';
import { ESCALATION_LEVEL_LABELS, levelRank, triggerList } from './labels';
import { escalatedNotice, handedBackNotice, respondByOf } from './notices';

// ---------------------------------------------------------------- decide

/** One level up from where the complaint stands, passing over levels nobody holds. */
function escalate(command: EscalateComplaint, state: EscalationState): EscalationEvent[] {
  const { complaint, chain } = command;
  if (!hasVisibleText(command.reason))
    throw new InvalidInputError([{ field: 'reason', message: 'reason is blank' }]);
  refuseEnded(complaint);
  const current = holding(state);
  const above = chain.filter((l) => levelRank(l.level) > levelRank(current?.level ?? null));
  const where = current ? `with the ${ESCALATION_LEVEL_LABELS[current.level].en}` : 'with its handler';
  if (above.length === 0)
    throw new DomainRuleViolation(
      'escalation.at_top',
      `complaint ${complaint.reference} is ${where}: there is no level above it to escalate to`,
    );
  const target = above.find((l) => l.holder !== null);
  if (!target)
    throw new DomainRuleViolation(
      'escalation.no_holder_above',
      `complaint ${complaint.reference} is ${where}: nobody holds a level above it`,
    );
  const skipped = above.slice(0, above.indexOf(target));
  const why = { zh: command.reason, en: command.reason };
  return escalatedTo(command, state, target, skipped, { mode: 'manual', triggers: [], why, respondBy: null });
}

/** To the highest level the triggers' rules name, or nothing when the complaint stands there already. */
function escalateOnTriggers(command: EscalateOnTriggers, state: EscalationState): EscalationEvent[] {
  const { complaint, chain, at, timeZone } = command;
  if (complaint.ended) return [];
  const fresh = [...new Set(command.triggers)].filter(
    (t) => RECURRING_TRIGGERS.includes(t) || !state.triggersSeen.includes(t),
  );
  const ruled = fresh.flatMap((t) => command.rules.filter((rule) => rule.trigger === t));
  if (ruled.length === 0) return [];
  const triggers = ruled.map((rule) => rule.trigger);
  const current = holding(state);
  const rank = levelRank(current?.level ?? null);
  const rankOf = (rule: EscalationRule) =>
    Math.min(rule.level === 'next' ? rank + 1 : levelRank(rule.level), 4);
  const wanted = Math.max(...ruled.map(rankOf));
  const noted: EscalationEvent = {
    type: 'EscalationTriggersNoted',
    data: { complaintId: complaint.complaintId, triggers, level: current?.level ?? null, notedAt: at },
  };
  if (wanted <= rank) return [noted];
  const held = chain.filter((l) => l.holder !== null && levelRank(l.level) > rank);
  const target =
    held.find((l) => levelRank(l.level) >= wanted) ?? held.filter((l) => levelRank(l.level) < wanted).at(-1);
  if (!target) return [noted];
  const [low, high] = [wanted, levelRank(target.level)].sort((a, b) => a - b);
  const skipped = chain.filter(
    (l) => l.holder === null && levelRank(l.level) >= low! && levelRank(l.level) <= high!,
  );
  const deadlines = ruled
    .filter((rule) => rankOf(rule) === wanted)
    .map((rule) => respondByOf(rule.respondWithin, at, timeZone))
    .filter((by) => by !== null)
    .sort();
  const respondBy = deadlines[0] ?? null;
  return escalatedTo(command, state, target, skipped, {
    mode: 'automatic',
    triggers,
    why: triggerList(triggers),
    respondBy,
  });
}

function escalatedTo(
  command: EscalateComplaint | EscalateOnTriggers,
  state: EscalationState,
  target: ChainLevel,
  skipped: readonly ChainLevel[],
  how: {
    mode: 'manual' | 'automatic';
    triggers: readonly EscalationTrigger[];
    why: LocalizedName;
    respondBy: string | null;
  },
): EscalationEvent[] {
  const { complaint, by, at, timeZone } = command;
  const holder = target.holder!;
  const current = holding(state);
  const { complaintId, reference } = complaint;
  const text = escalatedNotice({ reference, level: target.level, holderName: holder.name, ...how, timeZone });
  return [
    {
      type: 'ComplaintEscalated',
      data: {
        complaintId,
        level: target.level,
        unitId: target.unitId,
        holderId: holder.personId,
        from: current ? { level: current.level, holderId: current.holderId } : null,
        mode: how.mode,
        reason: command.type === 'EscalateComplaint' ? command.reason : null,
        triggers: how.triggers,
        skipped: skipped.map((l) => l.level),
        respondBy: how.respondBy,
        escalatedBy: by,
        escalatedAt: at,
      },
    },
    {
      type: 'EscalationNotificationRequested',
      data: {
        complaintId,
        recipientId: holder.personId,
        language: holder.language,
        about: 'escalated',
        level: target.level,
        text,
        respondBy: how.respondBy,
        requestedAt: at,
      },
    },
  ];
}

/** Back down one level: only by the person holding it. */
function handBack(command: HandBackEscalation, state: EscalationState): EscalationEvent[] {
  const { complaint, chain, note, by, at } = command;
  if (!hasVisibleText(note)) throw new InvalidInputError([{ field: 'note', message: 'note is blank' }]);
  const current = holding(state);
  if (!current)
    throw new DomainRuleViolation(
      'escalation.not_escalated',
      `complaint ${complaint.reference} is not escalated: there is nothing to hand back`,
    );
  if (current.holderId !== by)
    throw new DomainRuleViolation(
      'escalation.not_holder',
      `complaint ${complaint.reference} is held by the ${ESCALATION_LEVEL_LABELS[current.level].en}, not by you: only they can hand it back`,
    );
  const below = state.stack.at(-2);
  const from = { level: current.level, holderId: current.holderId };
  const to = below ? { level: below.level, holderId: below.holderId } : null;
  const handedBack: EscalationEvent = {
    type: 'EscalationHandedBack',
    data: { complaintId: complaint.complaintId, from, to, note, handedBackBy: by, handedBackAt: at },
  };
  if (!below) return [handedBack];
  const language = chain.find((l) => l.holder?.personId === below.holderId)?.holder?.language ?? 'zh';
  return [
    handedBack,
    {
      type: 'EscalationNotificationRequested',
      data: {
        complaintId: complaint.complaintId,
        recipientId: below.holderId,
        language,
        about: 'handed_back',
        level: below.level,
        text: handedBackNotice(complaint.reference, current.level, note),
        respondBy: null,
        requestedAt: at,
      },
    },
  ];
}

function refuseEnded(complaint: EscalatedComplaint): void {
  if (complaint.ended)
    throw new DomainRuleViolation(
      'escalation.complaint_ended',
      `complaint ${complaint.reference} has ended: it can no longer be escalated`,
    );
}

/** Decides a command on a complaint's escalation stream. */
export function decideEscalation(command: EscalationCommand, state: EscalationState): EscalationEvent[] {
  switch (command.type) {
    case 'EscalateComplaint':
      return escalate(command, state);
    case 'EscalateOnTriggers':
      return escalateOnTriggers(command, state);
    case 'HandBackEscalation':
      return handBack(command, state);
    default:
      return assertNever(command);
  }
}

/** The decider of a complaint's escalation stream (`escalationStream(complaintId)`). */
export const escalationDecider: Decider<EscalationCommand, EscalationEvent, EscalationState> = {
  decide: decideEscalation,
  evolve: evolveEscalation,
  initialState: initialEscalationState,
};
