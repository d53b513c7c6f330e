import type { RecordedEvent } from '@kesu/kernel';
import { evolveModelDecisionOutcome } from './model-decision-outcome';

const event = (type: string, data: object): RecordedEvent =>
  ({ type, tenantId: 'demo', correlationId: 'c-1', data }) as unknown as RecordedEvent;

const classified = (category: string, version: number, needsHumanReview = false) =>
  event('ComplaintClassified', {
    complaintId: 'c-1',
    category,
    needsHumanReview,
    decision: { model: { id: 'text-model-demo', version } },
    classifiedAt: '2026-11-23T08:00:00.000Z',
  });
const reclassified = (category: string) =>
  event('ComplaintReclassified', { complaintId: 'c-1', category, reason: 'r' });

describe('what became of a machine classification', () => {
  it('records the model and its category, then a person confirming or correcting it', () => {
    const outcome = evolveModelDecisionOutcome(null, classified('fees_price', 3, true));
    expect(outcome).toEqual({
      _id: 'c-1',
      tenantId: 'demo',
      modelId: 'text-model-demo',
      modelVersion: 3,
      category: 'fees_price',
      flagged: true,
      reviewed: false,
      correctedTo: null,
      classifiedAt: '2026-11-23T08:00:00.000Z',
    });
    const confirmed = evolveModelDecisionOutcome(outcome, reclassified('fees_price'));
    expect(confirmed).toMatchObject({ reviewed: true, correctedTo: null });
    const corrected = evolveModelDecisionOutcome(confirmed, reclassified('network'));
    expect(corrected).toMatchObject({ reviewed: true, correctedTo: 'network', category: 'fees_price' });
    // Back to the model's category: confirmed after all.
    expect(evolveModelDecisionOutcome(corrected, reclassified('fees_price'))).toMatchObject({
      correctedTo: null,
    });
  });

  it('starts afresh when the model classifies again, and keeps nothing for a person alone', () => {
    const corrected = evolveModelDecisionOutcome(
      evolveModelDecisionOutcome(null, classified('fees_price', 3)),
      reclassified('network'),
    );
    expect(evolveModelDecisionOutcome(corrected, classified('network', 4))).toMatchObject({
      modelVersion: 4,
      reviewed: false,
      correctedTo: null,
    });
    expect(evolveModelDecisionOutcome(null, reclassified('network'))).toBeNull();
  });
});
