import { type ComplaintClassifiedData, type ComplaintReclassifiedData } from '@kesu/classification-contracts';
import type { RecordedEvent } from '@kesu/kernel';

/**
 * What became of one complaint's machine classification (`_id`: the complaint id): the model that
 * decided it, whether it was flagged for a person, and whether a person then classified it — the
 * same category (confirmed) or another (corrected). Per model version, these add up to how often
 * handlers correct it in production.
 */
export interface ModelDecisionOutcome {
  readonly _id: string;
  readonly tenantId: string;
  readonly modelId: string;
  readonly modelVersion: number;
  /** The category the model decided. */
  readonly category: string;
  /** Its confidence was below the tenant's threshold: a person was asked to classify it. */
  readonly flagged: boolean;
  /** A person classified it after the model. */
  readonly reviewed: boolean;
  /** The person's category when it differs from the model's; null when none differs. */
  readonly correctedTo: string | null;
  readonly classifiedAt: string;
}

export const modelDecisionOutcomeHandles: readonly string[] = [
  'ComplaintClassified',
  'ComplaintReclassified',
];

/**
 * The outcome after one more of the complaint's classification events: a machine classification
 * starts it afresh (a read-back correction classifies again, never over a person's decision); a
 * person's classification marks it reviewed, and corrected when the category differs. A person's
 * classification of a complaint no model classified leaves nothing.
 */
export function evolveModelDecisionOutcome(
  outcome: ModelDecisionOutcome | null,
  event: RecordedEvent,
): ModelDecisionOutcome | null {
  if (event.type === 'ComplaintClassified') {
    const data = event.data as ComplaintClassifiedData;
    return {
      _id: data.complaintId,
      tenantId: event.tenantId,
      modelId: data.decision.model.id,
      modelVersion: data.decision.model.version,
      category: data.category,
      flagged: data.needsHumanReview,
      reviewed: false,
      correctedTo: null,
      classifiedAt: data.classifiedAt,
    };
  }
  if (event.type === 'ComplaintReclassified') {
    if (!outcome) return null;
    const { category } = event.data as ComplaintReclassifiedData;
    return { ...outcome, reviewed: true, correctedTo: category === outcome.category ? null : category };
  }
  return outcome;
}
