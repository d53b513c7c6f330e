// Linear models over sparse vectors: every one scores class k as bias[k] + weights[k]·x, so one
// representation serves prediction and storage whichever way the weights were learned.
import { type Random, seededRandom, shuffleInPlace } from './random';
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

// ---------------------------------------------------------------- naive Bayes

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

// ---------------------------------------------------------------- linear SVM (one-vs-rest)

export interface LinearSvmOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Passes over the data at most. */
  maxPasses: number;
  /** Stop when the projected gradient's spread falls below this. */
  tolerance: number;
  /** Give every class the same total weight. */
  balanced: boolean;
  seed: number;
  /**
   * NB-SVM (Wang & Manning, 2012): scale each feature by its naive-Bayes log-count ratio for the
   * class before fitting that class's SVM, with this smoothing (0: off).
   */
  nbRatioAlpha?: number;
}

/** Per feature, ln of how much more often it occurs in the class than outside it (smoothed). */
function logCountRatios(set: VectorSet, positive: number, alpha: number): Float64Array {
  const p = new Float64Array(set.dimensions).fill(alpha);
  const q = new Float64Array(set.dimensions).fill(alpha);
  set.vectors.forEach((x, i) => {
    const target = set.labels[i] === positive ? p : q;
    for (let m = 0; m < x.indices.length; m++) target[x.indices[m]!] += x.values[m]!;
  });
  const pSum = p.reduce((a, b) => a + b, 0);
  const qSum = q.reduce((a, b) => a + b, 0);
  return p.map((pj, j) => Math.log(pj / pSum / (q[j]! / qSum)));
}

/**
 * One-vs-rest linear SVMs with the squared hinge loss, each solved by dual coordinate descent
 * (Hsieh et al., 2008, as in LIBLINEAR), the bias learned as the weight of a constant feature.
 */
export function trainLinearSvm(set: VectorSet, options: LinearSvmOptions): LinearWeights {
  const { classes, dimensions } = set;
  const weights = new Float64Array(classes * dimensions);
  const bias = new Float64Array(classes);
  const costs = exampleWeights(set, options.balanced);
  const squaredNorms = set.vectors.map((x) => x.values.reduce((sum, v) => sum + v * v, 0) + 1);
  const random = seededRandom(options.seed);
  for (let k = 0; k < classes; k++) {
    const w = weights.subarray(k * dimensions, (k + 1) * dimensions);
    const b = { value: 0 };
    if (options.nbRatioAlpha) {
      const r = logCountRatios(set, k, options.nbRatioAlpha);
      const scaled: VectorSet = {
        ...set,
        vectors: set.vectors.map((x) => ({
          indices: x.indices,
          values: x.values.map((v, m) => v * r[x.indices[m]!]!),
        })),
      };
      const norms = scaled.vectors.map((x) => x.values.reduce((sum, v) => sum + v * v, 0) + 1);
      solveBinarySvm(scaled, k, w, b, costs, norms, options, random);
      for (let j = 0; j < dimensions; j++) w[j] *= r[j]!;
    } else {
      solveBinarySvm(set, k, w, b, costs, squaredNorms, options, random);
    }
    bias[k] = b.value;
  }
  return { classes, dimensions, weights, bias };
}

function solveBinarySvm(
  set: VectorSet,
  positive: number,
  w: Float64Array,
  b: { value: number },
  costs: Float64Array,
  squaredNorms: readonly number[],
  options: LinearSvmOptions,
  random: Random,
): void {
  const n = set.vectors.length;
  const alpha = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let pass = 0; pass < options.maxPasses; pass++) {
    shuffleInPlace(order, random);
    let maxGradient = -Infinity;
    let minGradient = Infinity;
    for (const i of order) {
      const x = set.vectors[i]!;
      const y = set.labels[i] === positive ? 1 : -1;
      const diagonal = 1 / (2 * options.c * costs[i]!);
      let margin = b.value;
      for (let m = 0; m < x.indices.length; m++) margin += w[x.indices[m]!]! * x.values[m]!;
      const gradient = y * margin - 1 + diagonal * alpha[i]!;
      const projected = alpha[i] === 0 ? Math.min(gradient, 0) : gradient;
      maxGradient = Math.max(maxGradient, projected);
      minGradient = Math.min(minGradient, projected);
      if (Math.abs(projected) < 1e-12) continue;
      const previous = alpha[i]!;
      alpha[i] = Math.max(previous - gradient / (squaredNorms[i]! + diagonal), 0);
      const step = (alpha[i]! - previous) * y;
      for (let m = 0; m < x.indices.length; m++) w[x.indices[m]!] += step * x.values[m]!;
      b.value += step;
    }
    if (maxGradient - minGradient < options.tolerance) return;
  }
}

// ---------------------------------------------------------------- softmax (multinomial logistic) regression

export interface SoftmaxOptions {
  /** L2 regularisation strength per example. */
  l2: number;
  /** Passes over the data. */
  epochs: number;
  /** Initial learning rate; it decays as 1 / (1 + rate · l2 · t). */
  learningRate: number;
  balanced: boolean;
  seed: number;
}

/** Multinomial logistic regression by stochastic gradient descent on the cross-entropy, seeded. */
export function trainSoftmax(set: VectorSet, options: SoftmaxOptions): LinearWeights {
  const { classes, dimensions } = set;
  const weights = new Float64Array(classes * dimensions);
  const bias = new Float64Array(classes);
  const costs = exampleWeights(set, options.balanced);
  const random = seededRandom(options.seed);
  const order = Array.from({ length: set.vectors.length }, (_, i) => i);
  // w = scale · v: the L2 decay multiplies `scale` instead of touching every weight.
  let scale = 1;
  let t = 0;
  const scores = new Float64Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = set.vectors[i]!;
      const rate = options.learningRate / (1 + options.learningRate * options.l2 * t++);
      scale *= 1 - rate * options.l2;
      for (let k = 0; k < classes; k++) {
        const row = k * dimensions;
        let sum = 0;
        for (let m = 0; m < x.indices.length; m++) sum += weights[row + x.indices[m]!]! * x.values[m]!;
        scores[k] = bias[k]! + scale * sum;
      }
      const p = softmax(scores);
      for (let k = 0; k < classes; k++) {
        const gradient = (p[k]! - (set.labels[i] === k ? 1 : 0)) * costs[i]!;
        if (gradient === 0) continue;
        const row = k * dimensions;
        const step = (rate * gradient) / scale;
        for (let m = 0; m < x.indices.length; m++) weights[row + x.indices[m]!] -= step * x.values[m]!;
        bias[k] -= rate * gradient;
      }
      if (scale < 1e-6) {
        for (let j = 0; j < weights.length; j++) weights[j] *= scale;
        scale = 1;
      }
    }
  }
  for (let j = 0; j < weights.length; j++) weights[j] *= scale;
  return { classes, dimensions, weights, bias };
}
