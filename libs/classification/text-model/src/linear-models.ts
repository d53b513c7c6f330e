// Linear models over sparse vectors: every one scores class k as bias[k] + weights[k]·x, so one
// representation serves prediction and storage whichever way the weights were learned.
import type { SparseVector } from './vectoriser';

export interface LinearWeights {
  readonly classes: number;
  readonly dimensions: number;
  /** Row-major: weights[k * dimensions + j]. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** A training set in vector form: `labels[i]` is the class index (0 … classes-1) of `vectors[i]`. */
export interface VectorSet {
  readonly vectors: readonly SparseVector[];
  readonly labels: readonly number[];
  readonly classes: number;
  readonly dimensions: number;
}

/** Each class's score for one vector. */
export function linearScores(model: LinearWeights, x: SparseVector): Float64Array {
  const scores = Float64Array.from(model.bias);
  const { indices, values } = x;
  for (let k = 0; k < model.classes; k++) {
    const row = k * model.dimensions;
    let sum = 0;
    for (let n = 0; n < indices.length; n++) sum += model.weights[row + indices[n]!]! * values[n]!;
    scores[k] += sum;
  }
  return scores;
}

/** Softmax of scores divided by a temperature: probabilities that sum to 1. */
export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) max = Math.max(max, scores[k]! / temperature);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp(scores[k]! / temperature - max);
    sum += out[k]!;
  }
  for (let k = 0; k < scores.length; k++) out[k] /= sum;
  return out;
}

/** Per-example weights that give every class the same total weight ("balanced"), or all 1. */
export function exampleWeights(set: VectorSet, balanced: boolean): Float64Array {
  const weights = new Float64Array(set.labels.length).fill(1);
  if (!balanced) return weights;
  const counts = new Float64Array(set.classes);
  for (const label of set.labels) counts[label] += 1;
  const present = counts.filter((c) => c > 0).length;
  set.labels.forEach((label, i) => (weights[i] = set.labels.length / (present * counts[label]!)));
  return weights;
}
