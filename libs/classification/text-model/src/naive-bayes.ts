// Multinomial naive Bayes: the baseline the tuned models are measured against.
import type { LinearWeights, VectorSet } from './linear-models';

export interface NaiveBayesOptions {
  /** Additive (Laplace/Lidstone) smoothing. */
  alpha: number;
}

/** Multinomial naive Bayes on count vectors: weights are log P(term | class), bias log P(class). */
export function trainNaiveBayes(set: VectorSet, options: NaiveBayesOptions): LinearWeights {
  const { classes, dimensions } = set;
  const counts = new Float64Array(classes * dimensions);
  const totals = new Float64Array(classes);
  const documents = new Float64Array(classes);
  set.vectors.forEach((x, i) => {
    const k = set.labels[i]!;
    documents[k] += 1;
    for (let n = 0; n < x.indices.length; n++) {
      counts[k * dimensions + x.indices[n]!] += x.values[n]!;
      totals[k] += x.values[n]!;
    }
  });
  const weights = new Float64Array(classes * dimensions);
  const bias = new Float64Array(classes);
  for (let k = 0; k < classes; k++) {
    const denominator = Math.log(totals[k]! + options.alpha * dimensions);
    for (let j = 0; j < dimensions; j++) {
      weights[k * dimensions + j] = Math.log(counts[k * dimensions + j]! + options.alpha) - denominator;
    }
    bias[k] = Math.log((documents[k]! + 1) / (set.labels.length + classes));
  }
  return { classes, dimensions, weights, bias };
}
