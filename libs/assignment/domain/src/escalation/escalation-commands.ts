import type { EscalationPolicy, EscalationTrigger } from '@kesu/assignment-contracts';
import type { ChainLevel, EscalatedComplaint } from './escalation';

// The commands of a complaint's escalation stream, decided by `escalationDecider`.

/** What every command on a complaint's escalation carries. */
interface OnComplaint {
  readonly complaint: EscalatedComplaint;
  /** The levels of the chain above the complaint, lowest first, each with its holder. */
  readonly chain: readonly ChainLevel[];
  /** The tenant's time zone (deadlines and notifications). */
  readonly timeZone: string;
  /** The user (id) who acts, or the service for an automatic escalation. */
  readonly by: string;
  readonly at: string;
}

/** A person escalates the complaint one level up the chain, saying why. */
export interface EscalateComplaint extends OnComplaint {
  readonly type: 'EscalateComplaint';
  readonly reason: string;
}

/** Triggers occurred (a classification, a repeat flag, a time limit): the policy says where they take it. */
export interface EscalateOnTriggers extends OnComplaint {
  readonly type: 'EscalateOnTriggers';
  readonly triggers: readonly EscalationTrigger[];
  readonly rules: EscalationPolicy['rules'];
}

/** The person holding the complaint hands it back down one level, with a note. */
export interface HandBackEscalation extends OnComplaint {
  readonly type: 'HandBackEscalation';
  readonly note: string;
}

export type EscalationCommand = EscalateComplaint | EscalateOnTriggers | HandBackEscalation;
