import type { AccessEvent, ErasureBasis, ErasureEvent, SubjectIdentifierKind } from '@kesu/intake-contracts';
import { assertNever, type Decider, DomainRuleViolation, InvalidInputError } from '@kesu/kernel';

/** The longest reason an erasure request keeps. */
export const MAX_ERASURE_REASON_LENGTH = 500;

// ---------------------------------------------------------------- erasure: state

/** Where an erasure request stands, and the complaints it erases. */
export interface ErasureState {
  readonly status: 'none' | 'requested' | 'erased';
  readonly requestId?: string;
  readonly complaintIds: readonly string[];
}

export const initialErasureState = (): ErasureState => ({ status: 'none', complaintIds: [] });

export function evolveErasure(state: ErasureState, event: ErasureEvent): ErasureState {
  switch (event.type) {
    case 'DataSubjectErasureRequested':
      return { status: 'requested', requestId: event.data.requestId, complaintIds: event.data.complaintIds };
    case 'DataSubjectErased':
      return { ...state, status: 'erased' };
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- erasure: commands

/** Record an erasure of a data subject's personal data: whose complaints, on what basis, why. */
export interface RequestErasure {
  readonly type: 'RequestErasure';
  readonly requestId: string;
  readonly basis: ErasureBasis;
  readonly reason: string;
  readonly requestedBy: string;
  readonly identifiedBy: readonly SubjectIdentifierKind[];
  readonly complaintIds: readonly string[];
  readonly retention?: { readonly days: number; readonly lastEndedAt: string };
  readonly at: string;
}

/** Record that the request's data keys are destroyed and its identity-index entries removed. */
export interface RecordErasure {
  readonly type: 'RecordErasure';
  readonly dataKeys: number;
  readonly identityIndexEntriesRemoved: number;
  readonly at: string;
}

export type ErasureCommand = RequestErasure | RecordErasure;

/**
 * An erasure request's stream: recorded once (the same request again records nothing), completed
 * once (a second completion, after a crash or by a second worker, records nothing); a completion
 * without a request breaks a rule.
 */
export function decideErasure(command: ErasureCommand, state: ErasureState): ErasureEvent[] {
  switch (command.type) {
    case 'RequestErasure': {
      if (state.status !== 'none') return [];
      const { type: _type, at, ...request } = command;
      if (request.reason.trim() === '' || request.reason.length > MAX_ERASURE_REASON_LENGTH) {
        const message = `reason must be 1 to ${MAX_ERASURE_REASON_LENGTH} characters, not blank`;
        throw new InvalidInputError([{ field: 'reason', message }]);
      }
      return [{ type: 'DataSubjectErasureRequested', data: { ...request, requestedAt: at } }];
    }
    case 'RecordErasure': {
      if (state.status === 'none') {
        throw new DomainRuleViolation('erasure.not_requested', 'no erasure was requested on this stream');
      }
      if (state.status === 'erased') return [];
      const { dataKeys, identityIndexEntriesRemoved, at } = command;
      const data = { requestId: state.requestId!, complaintIds: state.complaintIds };
      return [
        { type: 'DataSubjectErased', data: { ...data, dataKeys, identityIndexEntriesRemoved, erasedAt: at } },
      ];
    }
    default:
      return assertNever(command);
  }
}

/** The decider of an erasure request's stream (`intakeErasureStream(requestId)`). */
export const erasureDecider: Decider<ErasureCommand, ErasureEvent, ErasureState> = {
  decide: decideErasure,
  evolve: evolveErasure,
  initialState: initialErasureState,
};

// ---------------------------------------------------------------- access

/** Whether an access request's export was recorded. */
export interface AccessState {
  readonly exported: boolean;
}

/** Record that a data subject's personal data was exported, and for which complaints. */
export interface RecordAccessExport {
  readonly type: 'RecordAccessExport';
  readonly requestId: string;
  readonly requestedBy: string;
  readonly identifiedBy: readonly SubjectIdentifierKind[];
  readonly complaintIds: readonly string[];
  readonly at: string;
}

/** The decider of an access request's stream (`intakeAccessStream(requestId)`): one export, recorded once. */
export const accessDecider: Decider<RecordAccessExport, AccessEvent, AccessState> = {
  decide: ({ type: _type, at, ...export_ }, state) =>
    state.exported ? [] : [{ type: 'DataSubjectAccessExported', data: { ...export_, exportedAt: at } }],
  evolve: () => ({ exported: true }),
  initialState: () => ({ exported: false }),
};
