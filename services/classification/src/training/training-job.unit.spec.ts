import { NAIVE_BAYES_OPTIONS, resolveClassifierOptions } from '@kesu/classification-text-model';
import { runTrainingJob, trainInThread } from './training-job';

/* The training thread's work: candidate and baseline on the same 80 %, scored on the same 20 %. */

const places = ['营业厅', '网点', '门店', '柜台', '服务中心', '分店', '窗口', '大厅', '热线', '客服中心'];
// Imbalanced on purpose: a model that ignores the words predicts the commonest category.
const examples = [
  ...places.flatMap((place, i) => [
    { text: `${place}的工作人员态度恶劣，对我大声呵斥，还骂人${i}`, label: 'service_attitude' },
    { text: `${place}服务人员冷漠，爱理不理，态度很差${i}`, label: 'service_attitude' },
  ]),
  ...places.map((place, i) => ({
    text: `${place}收费不合理，多收了我${i + 2}十元费用，乱收费`,
    label: 'fees_price',
  })),
];
const svm = resolveClassifierOptions(examples);
const weak = { ...resolveClassifierOptions(examples, NAIVE_BAYES_OPTIONS), alpha: 1000 };

describe('runTrainingJob', () => {
  it('activates a candidate at least as good as the baseline and trains it on every example', () => {
    const outcome = runTrainingJob({ examples, options: {}, baseline: weak, folds: 5, seed: 1 });
    expect(outcome.activate).toBe(true);
    expect(outcome.candidate.macroF1).toBeGreaterThan(outcome.baseline!.macroF1);
    expect(outcome.candidate).toMatchObject({ trainedOn: 24, heldOut: 6 });
    expect(outcome.baseline).toMatchObject({ trainedOn: 24, heldOut: 6 });
    expect(outcome.model?.trainedOn).toBe(30);
  });

  it('rejects a candidate below the baseline, and returns no model', () => {
    const outcome = runTrainingJob({ examples, options: weak, baseline: svm, folds: 5, seed: 1 });
    expect(outcome.activate).toBe(false);
    expect(outcome.candidate.macroF1).toBeLessThan(outcome.baseline!.macroF1);
    expect(outcome.model).toBeUndefined();
  });

  it('activates the first model, with nothing to compare with', () => {
    const outcome = runTrainingJob({ examples, options: weak, folds: 5, seed: 1 });
    expect(outcome).toMatchObject({ activate: true });
    expect(outcome.baseline).toBeUndefined();
  });

  it('gives the same outcome on a worker thread', async () => {
    const job = { examples, options: {}, baseline: weak, folds: 5, seed: 1 };
    expect(await trainInThread(job).outcome).toEqual(runTrainingJob(job));
  });
});
