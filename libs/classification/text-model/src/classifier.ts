// A trained text classifier: features → tf-idf → linear scores → calibrated confidences, stored as JSON.
import { fitTemperature } from './calibration';
import { type ClassifierOptions, resolveClassifierOptions } from './classifier-options';
import { fitModel } from './fitting';
import type { LabeledText } from './labeled-text';
import { type LinearWeights, linearScores, softmax } from './linear-models';
import { normaliseText, textFeatures } from './text-features';
import { Vectoriser, type VectoriserState } from './vectoriser';

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
    const { vectoriser, model } = fitModel(features, examples, labels, settings);
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
