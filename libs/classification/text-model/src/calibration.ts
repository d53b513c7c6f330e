// Confidence calibration: the temperature that turns a linear model's scores into probabilities.
import type { ClassifierOptions } from './classifier-options';
import { foldSplits, nearDuplicateFolds } from './cross-validation';
import { fitModel } from './fitting';
import type { LabeledText } from './labeled-text';
import { linearScores, softmax } from './linear-models';

/**
 * The temperature that makes the softmax of held-out scores best calibrated (least negative
 * log-likelihood of the true labels), found on k folds of the training data that keep near-duplicate
 * texts together (scores of a text whose template was trained on would look surer than new ones).
 */
export function fitTemperature(
  examples: readonly LabeledText[],
  features: readonly string[][],
  labels: readonly string[],
  settings: ClassifierOptions,
): number {
  const folds = nearDuplicateFolds(
    examples,
    Math.min(settings.calibrationFolds, examples.length),
    settings.seed,
  );
  const index = new Map(labels.map((label, k) => [label, k]));
  const heldOut: Array<{ scores: Float64Array; label: number }> = [];
  const items = examples.map((example, i) => ({ example, features: features[i]! }));
  for (const { train, test } of foldSplits(items, folds)) {
    const trainLabels = [...new Set(train.map((t) => t.example.label))].sort();
    if (trainLabels.length < 2) continue;
    const { vectoriser, model } = fitModel(
      train.map((t) => t.features),
      train.map((t) => t.example),
      trainLabels,
      settings,
    );
    for (const t of test) {
      const foldScores = linearScores(model, vectoriser.transform(t.features));
      // Labels missing from this fold's training part score as low as the lowest.
      const scores = new Float64Array(labels.length).fill(Math.min(...foldScores));
      trainLabels.forEach((label, k) => (scores[index.get(label)!] = foldScores[k]!));
      heldOut.push({ scores, label: index.get(t.example.label)! });
    }
  }
  return bestTemperature(heldOut);
}

/** Golden-section search of log-temperature for the least negative log-likelihood. */
export function bestTemperature(
  heldOut: ReadonlyArray<{ scores: ArrayLike<number>; label: number }>,
): number {
  if (heldOut.length === 0) return 1;
  const loss = (logT: number): number => {
    const t = Math.exp(logT);
    let sum = 0;
    for (const { scores, label } of heldOut) sum -= Math.log(Math.max(softmax(scores, t)[label]!, 1e-12));
    return sum;
  };
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (loss(a) <= loss(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
