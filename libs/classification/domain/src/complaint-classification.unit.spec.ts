import { type ClassificationOutcome, type DecisionRecord } from '@kesu/classification-contracts';
import {
  type ClassificationCommand,
  type ClassifyComplaint,
  type ClassifyCorrectedComplaint,
  decideClassification,
  evolveClassification,
  initialClassificationState,
  type ComplaintClassificationState,
} from './complaint-classification';

const outcome = (category: string): ClassificationOutcome => ({
  category,
  severity: 'general',
  scope: 'individual',
  nature: 'effective',
  signals: [],
  confidence: 0.7,
  needsHumanReview: false,
});
const decision: DecisionRecord = {
  model: { id: 'keywords', version: 1 },
  taxonomyVersion: 1,
  ruleSetVersion: 1,
  rules: [],
  ranking: [],
};
const classify = (category: string): ClassifyComplaint => ({
  type: 'ClassifyComplaint',
  complaintId: 'c-1',
  outcome: outcome(category),
  decision,
  at: '2026-01-01T00:00:00.000Z',
});
const classifyCorrected = (category: string): ClassifyCorrectedComplaint => ({
  ...classify(category),
  type: 'ClassifyCorrectedComplaint',
});
const reclassifyByPerson: ClassificationCommand = {
  type: 'ReclassifyComplaint',
  complaintId: 'c-1',
  category: 'policy',
  reason: 'r',
  by: 'user-h',
  at: '2026-01-01T00:00:00.000Z',
};
const run = (commands: ClassificationCommand[]): ComplaintClassificationState =>
  commands.reduce(
    (state, command) => decideClassification(command, state).reduce(evolveClassification, state),
    initialClassificationState(),
  );

describe('classification after a read-back correction', () => {
  it('decides again over the classifier’s earlier decision', () => {
    const state = run([classify('service_attitude')]);
    const events = decideClassification(classifyCorrected('fees_price'), state);
    expect(events).toEqual([
      {
        type: 'ComplaintClassified',
        data: expect.objectContaining({ complaintId: 'c-1', category: 'fees_price' }),
      },
    ]);
    expect(run([classify('service_attitude'), classifyCorrected('fees_price')])).toEqual({
      status: 'classified',
      category: 'fees_price',
    });
  });

  it('decides on an unclassified complaint too, which the received complaint then leaves alone', () => {
    const state = run([classifyCorrected('fees_price')]);
    expect(state.category).toBe('fees_price');
    expect(decideClassification(classify('service_attitude'), state)).toEqual([]);
  });

  it('never replaces a person’s reclassification', () => {
    const state = run([classify('service_attitude'), reclassifyByPerson]);
    expect(decideClassification(classifyCorrected('fees_price'), state)).toEqual([]);
  });
});

describe('classification once the complaint belongs to a collective incident', () => {
  const classifyCollective = (category: string): ClassificationCommand => ({
    ...classify(category),
    type: 'ClassifyCollectiveComplaint',
    outcome: { ...outcome(category), scope: 'collective', severity: 'major' },
  });

  it('decides again over the classifier’s decision, with the collective outcome', () => {
    const events = decideClassification(classifyCollective('metering'), run([classify('metering')]));
    expect(events).toEqual([
      {
        type: 'ComplaintClassified',
        data: expect.objectContaining({ category: 'metering', scope: 'collective', severity: 'major' }),
      },
    ]);
  });

  it('leaves a person’s reclassification, and a complaint not classified yet, alone', () => {
    const reclassified = run([classify('metering'), reclassifyByPerson]);
    expect(decideClassification(classifyCollective('metering'), reclassified)).toEqual([]);
    expect(decideClassification(classifyCollective('metering'), initialClassificationState())).toEqual([]);
  });
});
