// Evaluates the learning classifier on a labeled file: train/test, or k-fold cross-validation.
// stdout carries only the JSON result; errors go to stderr with a non-zero exit.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  type ClassifierOptions,
  type Dataset,
  DEFAULT_CLASSIFIER_OPTIONS,
  DEFAULT_NEAR_DUPLICATES,
  type LabeledText,
  NAIVE_BAYES_OPTIONS,
  TextClassifier,
  classificationMetrics,
  foldSplits,
  groupedStratifiedFolds,
  nearDuplicateGroups,
  readCfpbCsv,
  readTabSeparated,
  resolveClassifierOptions,
  stratifiedFolds,
  summariseGroups,
} from '@kesu/classification-text-model';
import { type EvalArgs, USAGE, UsageError, parseArgs, withOverrides } from './args';

function readDataset(flag: string, path: string, args: EvalArgs): Dataset {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new UsageError(`--${flag}: no such file "${path}"`);
  const content = readFileSync(path, 'utf8');
  let dataset: Dataset;
  try {
    dataset =
      args.format === 'cocc' ? readTabSeparated(content) : readCfpbCsv(content, { label: args.label });
  } catch (error) {
    throw new UsageError(`--${flag} "${path}": ${error instanceof Error ? error.message : String(error)}`);
  }
  if (dataset.examples.length === 0) throw new UsageError(`--${flag}: no labeled examples in "${path}"`);
  return dataset;
}

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

function scored(actual: readonly string[], predicted: readonly string[]) {
  const metrics = classificationMetrics(actual, predicted);
  return {
    accuracy: round(metrics.accuracy),
    macroF1: round(metrics.macroF1),
    perClass: Object.fromEntries(
      Object.entries(metrics.perClass).map(([label, m]) => [
        label,
        { precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), support: m.support },
      ]),
    ),
  };
}

function evaluate(
  train: readonly LabeledText[],
  test: readonly LabeledText[],
  options: Partial<ClassifierOptions>,
) {
  const started = performance.now();
  const classifier = TextClassifier.train(train, options);
  const trainSeconds = (performance.now() - started) / 1000;
  const predicting = performance.now();
  const predicted = test.map((example) => classifier.predict(example.text).label);
  const predictSeconds = (performance.now() - predicting) / 1000;
  return {
    predicted,
    ...scored(
      test.map((example) => example.label),
      predicted,
    ),
    trainSeconds: round(trainSeconds, 3),
    predictionsPerSecond: Math.round(test.length / Math.max(predictSeconds, 1e-9)),
  };
}

/** The folds of --cv: grouped by near-duplicates unless --no-group, with what the grouping found. */
function crossValidationFolds(examples: readonly LabeledText[], folds: number, args: EvalArgs) {
  const labels = examples.map((e) => e.label);
  if (!args.group) return { folds: stratifiedFolds(labels, folds, args.seed) };
  const options = { ...DEFAULT_NEAR_DUPLICATES, similarity: args.groupSimilarity };
  const groups = nearDuplicateGroups(
    examples.map((e) => e.text),
    options,
  );
  const summary = summariseGroups(groups);
  process.stderr.write(
    `grouping: ${summary.merged.texts} rows in ${summary.merged.groups} groups of near-duplicates ` +
      `(largest ${summary.largest}), ${summary.groups} groups of ${summary.texts} rows\n`,
  );
  return {
    folds: groupedStratifiedFolds(labels, groups, folds, args.seed),
    grouping: { ...options, ...summary },
  };
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const std = (values: readonly number[]): number =>
  Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));

function run(args: EvalArgs): unknown {
  const options = withOverrides(
    { seed: args.seed, ...(args.baseline ? NAIVE_BAYES_OPTIONS : {}) },
    DEFAULT_CLASSIFIER_OPTIONS,
    args.overrides,
  );
  const train = readDataset('train', args.train, args);
  // As trained on the whole file (C follows the texts' script); each fold resolves its own.
  const settings = resolveClassifierOptions(train.examples, options);
  const describe = {
    format: args.format,
    ...(args.format === 'cfpb' ? { label: args.label } : {}),
    model: settings,
    train: { file: args.train, examples: train.examples.length, skipped: train.skipped },
  };
  if (args.cv !== undefined) {
    const { folds, grouping } = crossValidationFolds(train.examples, args.cv, args);
    const splits = foldSplits(train.examples, folds);
    const perFold = splits.map(({ train: part, test }, i) => {
      const result = evaluate(part, test, options);
      process.stderr.write(
        `fold ${i + 1}/${args.cv}: macroF1 ${result.macroF1} accuracy ${result.accuracy}\n`,
      );
      return result;
    });
    const summary = (key: 'accuracy' | 'macroF1' | 'trainSeconds' | 'predictionsPerSecond') =>
      mean(perFold.map((f) => f[key]));
    // perClass: every example scored once, when its fold was the test part.
    const pooled = scored(
      splits.flatMap((s) => s.test.map((example) => example.label)),
      perFold.flatMap((f) => f.predicted),
    );
    return {
      ...describe,
      crossValidation: { folds: args.cv, seed: args.seed, stratified: true, grouped: grouping ?? false },
      accuracy: round(summary('accuracy')),
      macroF1: round(summary('macroF1')),
      macroF1Std: round(std(perFold.map((f) => f.macroF1))),
      pooledMacroF1: pooled.macroF1,
      trainSeconds: round(summary('trainSeconds'), 3),
      predictionsPerSecond: Math.round(summary('predictionsPerSecond')),
      perFold: perFold.map((f) => ({
        accuracy: f.accuracy,
        macroF1: f.macroF1,
        trainSeconds: f.trainSeconds,
        predictionsPerSecond: f.predictionsPerSecond,
      })),
      perClass: pooled.perClass,
    };
  }
  const test = readDataset('test', args.test!, args);
  const { predicted: _predicted, ...result } = evaluate(train.examples, test.examples, options);
  return {
    ...describe,
    test: { file: args.test, examples: test.examples.length, skipped: test.skipped },
    ...result,
  };
}

try {
  const result = run(parseArgs(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} catch (error) {
  if (error instanceof UsageError) {
    if (error.message) process.stderr.write(`eval-classifier: ${error.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `eval-classifier: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
