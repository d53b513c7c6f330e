// One linear model fitted to feature lists: the vocabulary and weighting first, then the weights.
import type { ClassifierOptions } from './classifier-options';
import type { LabeledText } from './labeled-text';
import type { LinearWeights, VectorSet } from './linear-models';
import { trainLinearSvm } from './linear-svm';
import { trainNaiveBayes } from './naive-bayes';
import { trainSoftmax } from './softmax-regression';
import { HAN_UNIGRAM_PREFIX } from './text-features';
import { Vectoriser } from './vectoriser';

/** A vectoriser and the linear model over its vectors, as fitted together. */
export interface FittedModel {
  readonly vectoriser: Vectoriser;
  readonly model: LinearWeights;
}

/**
 * Fits the vectoriser to the examples' features (counts for naive Bayes, tf-idf otherwise, the Han
 * unigrams a block of their own when weighted) and the chosen algorithm to the vectors; class k is
 * `labels[k]`.
 */
export function fitModel(
  features: readonly string[][],
  examples: readonly LabeledText[],
  labels: readonly string[],
  settings: ClassifierOptions,
): FittedModel {
  const vectoriser = Vectoriser.fit(features, {
    weighting: settings.algorithm === 'naive-bayes' ? 'count' : 'tfidf',
    sublinearTf: settings.sublinearTf,
    minDf: settings.minDf,
    ...(settings.features.hanUnigramWeight && settings.algorithm !== 'naive-bayes'
      ? { blockWeights: { [HAN_UNIGRAM_PREFIX]: settings.features.hanUnigramWeight } }
      : {}),
  });
  const index = new Map(labels.map((label, k) => [label, k]));
  const set: VectorSet = {
    vectors: features.map((f) => vectoriser.transform(f)),
    labels: examples.map((e) => index.get(e.label)!),
    classes: labels.length,
    dimensions: vectoriser.size,
  };
  return { vectoriser, model: trainModel(set, settings) };
}

function trainModel(set: VectorSet, settings: ClassifierOptions): LinearWeights {
  switch (settings.algorithm) {
    case 'naive-bayes':
      return trainNaiveBayes(set, { alpha: settings.alpha });
    case 'softmax':
      return trainSoftmax(set, settings);
    case 'linear-svm':
      return trainLinearSvm(set, { ...settings, maxPasses: 100, tolerance: 0.1 });
  }
}
