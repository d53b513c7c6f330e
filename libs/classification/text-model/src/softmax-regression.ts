// Multinomial logistic regression by stochastic gradient descent.
import { exampleWeights, type LinearWeights, softmax, type VectorSet } from './linear-models';
import { seededRandom, shuffleInPlace } from './random';

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
