/** Precision, recall and F1 of one class, and how many test examples carry it. */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  /** The unweighted mean of the classes' F1: every class counts the same, however rare. */
  macroF1: number;
  /** Keyed by label, in label order. */
  perClass: Record<string, ClassMetrics>;
  /** confusion[actual][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
}

/**
 * Scores predictions against the truth. The classes are every label that occurs as either (a
 * class never predicted has precision 0; one predicted but absent from the truth has recall 0).
 */
export function classificationMetrics(
  actual: readonly string[],
  predicted: readonly string[],
): ClassificationMetrics {
  if (actual.length !== predicted.length) {
    throw new Error(`${actual.length} true labels but ${predicted.length} predictions`);
  }
  const labels = [...new Set([...actual, ...predicted])].sort();
  const confusion: Record<string, Record<string, number>> = {};
  for (const a of labels) confusion[a] = Object.fromEntries(labels.map((p) => [p, 0]));
  let correct = 0;
  actual.forEach((a, i) => {
    const p = predicted[i]!;
    confusion[a]![p]! += 1;
    if (a === p) correct += 1;
  });
  const perClass: Record<string, ClassMetrics> = {};
  for (const label of labels) {
    const truePositives = confusion[label]![label]!;
    const support = labels.reduce((sum, p) => sum + confusion[label]![p]!, 0);
    const predictedCount = labels.reduce((sum, a) => sum + confusion[a]![label]!, 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[label] = { precision, recall, f1, support };
  }
  const macroF1 =
    labels.length === 0 ? 0 : labels.reduce((sum, l) => sum + perClass[l]!.f1, 0) / labels.length;
  return { accuracy: actual.length === 0 ? 0 : correct / actual.length, macroF1, perClass, confusion };
}
