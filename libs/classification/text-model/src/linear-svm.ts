// One-vs-rest linear SVMs (squared hinge, dual coordinate descent): the default text model.
import { exampleWeights, type LinearWeights, type VectorSet } from './linear-models';
import { type Random, seededRandom, shuffleInPlace } from './random';

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
