import { foldSplits, stratifiedFolds } from './cross-validation';
import {
  type LinearWeights,
  type VectorSet,
  linearScores,
  softmax,
  trainLinearSvm,
  trainNaiveBayes,
  trainSoftmax,
} from './linear-models';
import {
  DEFAULT_FEATURE_OPTIONS,
  type FeatureOptions,
  HAN_UNIGRAM_PREFIX,
  normaliseText,
  textFeatures,
} from './text-features';
import { Vectoriser, type VectoriserState } from './vectoriser';

/** One labeled text: an imported example, a closed complaint's confirmed category, or a correction. */
export interface LabeledText {
  readonly text: string;
  readonly label: string;
}

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

/** Chosen by 5-fold cross-validation on the COCC work orders and the CFPB narratives (README). */
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
 * The SVM's C by the script of the training texts, chosen by cross-validation (README): Chinese
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

export interface RankedLabel {
  readonly label: string;
  /** 0–1; the ranking's confidences sum to 1. */
  readonly confidence: number;
}

export interface Prediction {
  readonly label: string;
  readonly confidence: number;
  /** Every label, most likely first. */
  readonly ranking: readonly RankedLabel[];
}

/** A stored model: plain JSON, so it can be kept, versioned and loaded elsewhere. */
export interface ClassifierModelJson {
  readonly format: 'kesu.text-classifier';
  readonly version: 1;
  readonly options: ClassifierOptions;
  readonly labels: readonly string[];
  readonly vectoriser: VectoriserState;
  /** Per label, the weight of each vocabulary term. */
  readonly weights: readonly (readonly number[])[];
  readonly bias: readonly number[];
  /** Scores are divided by this before the softmax that turns them into confidences. */
  readonly temperature: number;
  readonly trainedOn: number;
}

/** A trained text classifier: immutable; learning from corrections means training a new one. */
export class TextClassifier {
  private constructor(
    readonly options: ClassifierOptions,
    readonly labels: readonly string[],
    private readonly vectoriser: Vectoriser,
    private readonly model: LinearWeights,
    readonly temperature: number,
    readonly trainedOn: number,
  ) {}

  /** Trains on labeled texts; the same texts, options and seed give the same model. */
  static train(examples: readonly LabeledText[], options: Partial<ClassifierOptions> = {}): TextClassifier {
    const settings = resolveClassifierOptions(examples, options);
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) throw new Error(`training needs at least 2 labels, got ${labels.length}`);
    const features = examples.map((e) => textFeatures(e.text, settings.features));
    const { vectoriser, model } = fit(features, examples, labels, settings);
    const temperature =
      settings.calibrationFolds >= 2 ? fitTemperature(examples, features, labels, settings) : 1;
    return new TextClassifier(settings, labels, vectoriser, model, temperature, examples.length);
  }

  static fromJSON(json: ClassifierModelJson): TextClassifier {
    if (json.format !== 'kesu.text-classifier' || json.version !== 1) {
      throw new Error(`not a text classifier model of a known version: ${json.format} v${json.version}`);
    }
    const dimensions = json.vectoriser.terms.length;
    const weights = new Float64Array(json.labels.length * dimensions);
    json.weights.forEach((row, k) => weights.set(row, k * dimensions));
    return new TextClassifier(
      json.options,
      json.labels,
      Vectoriser.fromState(json.vectoriser),
      { classes: json.labels.length, dimensions, weights, bias: Float64Array.from(json.bias) },
      json.temperature,
      json.trainedOn,
    );
  }

  toJSON(): ClassifierModelJson {
    const { dimensions } = this.model;
    return {
      format: 'kesu.text-classifier',
      version: 1,
      options: this.options,
      labels: this.labels,
      vectoriser: this.vectoriser.state,
      weights: this.labels.map((_, k) =>
        Array.from(this.model.weights.subarray(k * dimensions, (k + 1) * dimensions)),
      ),
      bias: Array.from(this.model.bias),
      temperature: this.temperature,
      trainedOn: this.trainedOn,
    };
  }

  /** Each label's raw score (not a probability). */
  scores(text: string): Float64Array {
    return linearScores(this.model, this.vectoriser.transform(textFeatures(text, this.options.features)));
  }

  predict(text: string): Prediction {
    const probabilities = softmax(this.scores(text), this.temperature);
    const ranking = this.labels
      .map((label, k) => ({ label, confidence: probabilities[k]! }))
      .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1));
    return { label: ranking[0]!.label, confidence: ranking[0]!.confidence, ranking };
  }
}

/** `train(examples) → model`, the same as `TextClassifier.train`. */
export function trainClassifier(
  examples: readonly LabeledText[],
  options: Partial<ClassifierOptions> = {},
): TextClassifier {
  return TextClassifier.train(examples, options);
}

/**
 * The training set after handlers' corrections: a correction replaces any example with the same
 * text (after normalisation) and is otherwise added, so the next model learns the corrected label.
 */
export function applyCorrections(
  examples: readonly LabeledText[],
  corrections: readonly LabeledText[],
): LabeledText[] {
  const corrected = new Map(corrections.map((c) => [normaliseText(c.text), c]));
  const kept = examples.filter((e) => !corrected.has(normaliseText(e.text)));
  return [...kept, ...corrected.values()];
}

function fit(
  features: readonly string[][],
  examples: readonly LabeledText[],
  labels: readonly string[],
  settings: ClassifierOptions,
): { vectoriser: Vectoriser; model: LinearWeights } {
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

/**
 * The temperature that makes the softmax of held-out scores best calibrated (least negative
 * log-likelihood of the true labels), found on k folds of the training data.
 */
function fitTemperature(
  examples: readonly LabeledText[],
  features: readonly string[][],
  labels: readonly string[],
  settings: ClassifierOptions,
): number {
  const folds = stratifiedFolds(
    examples.map((e) => e.label),
    Math.min(settings.calibrationFolds, examples.length),
    settings.seed,
  );
  if (folds.length < 2) return 1;
  const index = new Map(labels.map((label, k) => [label, k]));
  const heldOut: Array<{ scores: Float64Array; label: number }> = [];
  const items = examples.map((example, i) => ({ example, features: features[i]! }));
  for (const { train, test } of foldSplits(items, folds)) {
    const trainLabels = [...new Set(train.map((t) => t.example.label))].sort();
    if (trainLabels.length < 2) continue;
    const { vectoriser, model } = fit(
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
