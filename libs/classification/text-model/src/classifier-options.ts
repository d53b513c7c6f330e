// The options a text classifier is trained with, and the defaults chosen by cross-validation.
import type { LabeledText } from './labeled-text';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from './text-features';

export type Algorithm = 'linear-svm' | 'softmax' | 'naive-bayes';

export interface ClassifierOptions {
  /** linear-svm: tf-idf + one-vs-rest linear SVMs; softmax: tf-idf + logistic regression; naive-bayes: counts. */
  algorithm: Algorithm;
  features: FeatureOptions;
  /** A feature must occur in at least this many training texts. */
  minDf: number;
  /** tf-idf with 1 + ln(tf). */
  sublinearTf: boolean;
  /**
   * linear-svm: inverse regularisation strength. Not given, it follows the training texts' script
   * (`DEFAULT_C_BY_SCRIPT`).
   */
  c: number;
  /** softmax: L2 strength, passes and initial learning rate. */
  l2: number;
  epochs: number;
  learningRate: number;
  /** naive-bayes: additive smoothing. */
  alpha: number;
  /** linear-svm and softmax: weigh classes equally however many examples each has. */
  balanced: boolean;
  /**
   * Folds of the training data used to fit the confidence temperature on held-out scores (0: no
   * fitting, temperature 1 — right for softmax and naive Bayes, whose scores are log-probabilities).
   */
  calibrationFolds: number;
  seed: number;
}

/** Chosen by 5-fold cross-validation on the COCC work orders and the CFPB narratives (docs/classifier.md). */
export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  algorithm: 'linear-svm',
  features: DEFAULT_FEATURE_OPTIONS,
  minDf: 1,
  sublinearTf: true,
  /** Replaced by `DEFAULT_C_BY_SCRIPT` for the training texts unless given. */
  c: 0.5,
  l2: 1e-4,
  epochs: 15,
  learningRate: 0.5,
  alpha: 0.1,
  balanced: true,
  calibrationFolds: 3,
  seed: 1,
};

/**
 * The SVM's C by the script of the training texts, chosen by cross-validation (docs/classifier.md): Chinese
 * work orders want less regularisation than English narratives.
 */
export const DEFAULT_C_BY_SCRIPT = { han: 1, other: 0.5 } as const;

/** The share of Han characters among the letters of some texts (0 when there are none). */
export function hanShare(texts: readonly string[]): number {
  let han = 0;
  let letters = 0;
  for (const text of texts) {
    han += text.match(/\p{Script=Han}/gu)?.length ?? 0;
    letters += text.match(/\p{L}/gu)?.length ?? 0;
  }
  return letters === 0 ? 0 : han / letters;
}

/**
 * The options a model is trained with: the defaults, C by the training texts' script (mostly Han
 * characters: `DEFAULT_C_BY_SCRIPT.han`) unless given, then the given options.
 */
export function resolveClassifierOptions(
  examples: readonly LabeledText[],
  options: Partial<ClassifierOptions> = {},
): ClassifierOptions {
  const c = hanShare(examples.map((e) => e.text)) > 0.5 ? DEFAULT_C_BY_SCRIPT.han : DEFAULT_C_BY_SCRIPT.other;
  return { ...DEFAULT_CLASSIFIER_OPTIONS, c, ...options };
}

/** The baseline the targets are measured against: multinomial naive Bayes on the same features. */
export const NAIVE_BAYES_OPTIONS: Partial<ClassifierOptions> = {
  algorithm: 'naive-bayes',
  alpha: 1,
  calibrationFolds: 0,
};
