import type {
  EscalationEvent,
  EscalationLevel,
  EscalationTrigger,
  LocalizedName,
} from '@kesu/assignment-contracts';
import { assertNever } from '@kesu/kernel';

// ---------------------------------------------------------------- the chain, as the directory gives it

/** The person holding a level of the chain. */
export interface ChainHolder {
  readonly personId: string;
  readonly name: LocalizedName;
  /** The language they read notifications in. */
  readonly language: 'zh' | 'en';
}

/**
 * One level of the org chain above a complaint: the unit of that level (the complaint's department,
 * branch, region, headquarters) and who holds it there under the tenant's policy.
 */
export interface ChainLevel {
  readonly level: EscalationLevel;
  readonly unitId: string;
  /** Null: nobody holds it (the level is passed over). */
  readonly holder: ChainHolder | null;
}

/** The complaint as an escalation names it. */
export interface EscalatedComplaint {
  readonly complaintId: string;
  /** The reference people quote (KS-…), used in notifications. */
  readonly reference: string;
  /** Its matter ended (withdrawn, rejected, merged, resolved on the spot, closed): nothing escalates it. */
  readonly ended: boolean;
}

// ---------------------------------------------------------------- state

/** A level that holds the complaint: who, since when, and by when they must respond. */
export interface EscalationStanding {
  readonly level: EscalationLevel;
  readonly unitId: string;
  readonly holderId: string;
  readonly since: string;
  readonly respondBy: string | null;
}

/** Where a complaint's escalation stands: the levels it went up through (the last one holds it). */
export interface EscalationState {
  readonly stack: readonly EscalationStanding[];
  /** The triggers already taken into account: each escalates a complaint once (the time-limit ones each time). */
  readonly triggersSeen: readonly EscalationTrigger[];
}

export const initialEscalationState = (): EscalationState => ({ stack: [], triggersSeen: [] });

/** The level holding the complaint now (undefined: its handler). */
export const holding = (state: EscalationState): EscalationStanding | undefined => state.stack.at(-1);

/** The triggers that escalate each time they occur: every warning or breach of a time limit. */
export const RECURRING_TRIGGERS: readonly EscalationTrigger[] = ['sla_at_risk', 'sla_breached'];

const seen = (state: EscalationState, triggers: readonly EscalationTrigger[]) => [
  ...new Set([...state.triggersSeen, ...triggers.filter((t) => !RECURRING_TRIGGERS.includes(t))]),
];

export function evolveEscalation(state: EscalationState, event: EscalationEvent): EscalationState {
  switch (event.type) {
    case 'ComplaintEscalated': {
      const { level, unitId, holderId, escalatedAt, respondBy, triggers } = event.data;
      const standing = { level, unitId, holderId, since: escalatedAt, respondBy };
      return { stack: [...state.stack, standing], triggersSeen: seen(state, triggers) };
    }
    case 'EscalationTriggersNoted':
      return { ...state, triggersSeen: seen(state, event.data.triggers) };
    case 'EscalationHandedBack': {
      const below = state.stack.slice(0, -1);
      const last = below.at(-1);
      const stack = last ? [...below.slice(0, -1), { ...last, since: event.data.handedBackAt }] : below;
      return { ...state, stack };
    }
    case 'EscalationNotificationRequested':
      return state;
    default:
      return assertNever(event);
  }
}
