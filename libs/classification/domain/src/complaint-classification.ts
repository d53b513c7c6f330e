import {
  type ClassificationEvent,
  type ClassificationOutcome,
  type ComplaintClassified,
  type ComplaintReclassified,
  type DecisionRecord,
  type Nature,
  type Scope,
  type Severity,
} from '@kesu/classification-contracts';
import { assertNever, type Decider } from '@kesu/kernel';

// ---------------------------------------------------------------- state

/** Where one complaint's classification stands: not yet, by the classifier, or by a person. */
export type ClassificationStatus = 'unclassified' | 'classified' | 'reclassified';

export interface ComplaintClassificationState {
  readonly status: ClassificationStatus;
  readonly category?: string;
}

export const initialClassificationState = (): ComplaintClassificationState => ({ status: 'unclassified' });

export function evolveClassification(
  state: ComplaintClassificationState,
  event: ClassificationEvent,
): ComplaintClassificationState {
  switch (event.type) {
    case 'ComplaintClassified':
      return { status: 'classified', category: event.data.category };
    case 'ComplaintReclassified':
      return { status: 'reclassified', category: event.data.category };
    case 'CollectiveIncidentDetected':
    case 'ComplaintJoinedCollectiveIncident':
    case 'CollectiveIncidentMerged':
    case 'ComplaintRemovedFromCollectiveIncident':
      return state;
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------- commands

/** The classifier's decision on a received complaint. */
export interface ClassifyComplaint {
  readonly type: 'ClassifyComplaint';
  readonly complaintId: string;
  readonly outcome: ClassificationOutcome;
  readonly decision: DecisionRecord;
  readonly at: string;
}

/**
 * The classifier's decision on a complaint whose text the complainant corrected at read-back
 * (intake's RecordCorrected): it replaces the classifier's earlier decision, never a person's.
 */
export interface ClassifyCorrectedComplaint {
  readonly type: 'ClassifyCorrectedComplaint';
  readonly complaintId: string;
  readonly outcome: ClassificationOutcome;
  readonly decision: DecisionRecord;
  readonly at: string;
}

/**
 * The classifier's decision on a complaint once it belongs to a collective incident, made with the
 * incident's complainants (so the tenant's rules for collective complaints apply): it replaces the
 * classifier's earlier decision, never a person's.
 */
export interface ClassifyCollectiveComplaint {
  readonly type: 'ClassifyCollectiveComplaint';
  readonly complaintId: string;
  readonly outcome: ClassificationOutcome;
  readonly decision: DecisionRecord;
  readonly at: string;
}

/** A handler's correction; it becomes a training example. */
export interface ReclassifyComplaint {
  readonly type: 'ReclassifyComplaint';
  readonly complaintId: string;
  readonly category: string;
  readonly severity?: Severity;
  readonly scope?: Scope;
  readonly nature?: Nature;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export type ClassificationCommand =
  ClassifyComplaint | ClassifyCorrectedComplaint | ClassifyCollectiveComplaint | ReclassifyComplaint;

/**
 * The classifier decides once on the received complaint; a later decision (a redelivered complaint)
 * or one after a person's correction changes nothing. A read-back correction of the text lets the
 * classifier decide again (another ComplaintClassified), unless a person has reclassified it: their
 * decision stands; so does joining a collective incident, once the classifier has decided. A person may correct it any time, before the classifier too. (That each
 * correction is decided on once is the command handler's causation check.)
 */
export function decideClassification(
  command: ClassificationCommand,
  state: ComplaintClassificationState,
): Array<ComplaintClassified | ComplaintReclassified> {
  switch (command.type) {
    case 'ClassifyComplaint':
      if (state.status !== 'unclassified') return [];
      return [classified(command)];
    case 'ClassifyCorrectedComplaint':
      if (state.status === 'reclassified') return [];
      return [classified(command)];
    case 'ClassifyCollectiveComplaint':
      if (state.status !== 'classified') return [];
      return [classified(command)];
    case 'ReclassifyComplaint': {
      const { complaintId, category, severity, scope, nature, reason, by, at } = command;
      return [
        {
          type: 'ComplaintReclassified',
          data: {
            complaintId,
            category,
            ...(severity && { severity }),
            ...(scope && { scope }),
            ...(nature && { nature }),
            ...(state.category !== undefined && { previousCategory: state.category }),
            reason,
            reclassifiedBy: by,
            reclassifiedAt: at,
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function classified(
  command: ClassifyComplaint | ClassifyCorrectedComplaint | ClassifyCollectiveComplaint,
): ComplaintClassified {
  return {
    type: 'ComplaintClassified',
    data: {
      ...command.outcome,
      complaintId: command.complaintId,
      decision: command.decision,
      classifiedAt: command.at,
    },
  };
}

/** The decider of one complaint's classification stream (`classificationStream(complaintId)`). */
export const classificationDecider: Decider<
  ClassificationCommand,
  ClassificationEvent,
  ComplaintClassificationState
> = {
  decide: decideClassification,
  evolve: evolveClassification,
  initialState: initialClassificationState,
};
