import type { ModelScores } from '@kesu/classification-contracts';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  classificationMetrics,
  type ClassifierModelJson,
  type ClassifierOptions,
  type LabeledText,
  nearDuplicateFolds,
  TextClassifier,
} from '@kesu/classification-text-model';

/** What a training thread is given: the tenant's examples and the options of both models compared. */
export interface TrainingJob {
  readonly examples: readonly LabeledText[];
  /** The candidate's options (those not given follow the defaults and the texts' script). */
  readonly options: Partial<ClassifierOptions>;
  /** The active model's options, retrained on the same part as the baseline; absent before one. */
  readonly baseline?: ClassifierOptions;
  /**
   * The held-out part is the first of this many stratified folds (5: 20 %), near-duplicate texts
   * on one side only (`nearDuplicateFolds`).
   */
  readonly folds: number;
  readonly seed: number;
}

/** What it answers: both scores on the same held-out part and, when activated, the final model. */
export interface TrainingOutcome {
  readonly candidate: ModelScores;
  readonly baseline?: ModelScores;
  readonly activate: boolean;
  /** The candidate's options trained again on every example; present only when activated. */
  readonly model?: ClassifierModelJson;
}

/**
 * Trains the candidate and the baseline (the active model's options) on the same 80 % and scores
 * both on the same held-out 20 % — the active model itself has seen those examples, so scoring it
 * would favour keeping it. The candidate is activated when its macro-F1 is at least the baseline's.
 * CPU-bound: it runs on a worker thread (`trainInThread`), never on the service's event loop.
 */
export function runTrainingJob(job: TrainingJob): TrainingOutcome {
  const { examples } = job;
  const folds = nearDuplicateFolds(examples, job.folds, job.seed);
  const heldOutIndices = new Set(folds[0]);
  const heldOut = examples.filter((_, i) => heldOutIndices.has(i));
  const trainPart = examples.filter((_, i) => !heldOutIndices.has(i));
  const score = (options: Partial<ClassifierOptions>): ModelScores => {
    const classifier = TextClassifier.train(trainPart, options);
    const { macroF1, accuracy } = classificationMetrics(
      heldOut.map((e) => e.label),
      heldOut.map((e) => classifier.predict(e.text).label),
    );
    return { macroF1, accuracy, trainedOn: trainPart.length, heldOut: heldOut.length };
  };
  const candidate = score(job.options);
  const baseline = job.baseline && score(job.baseline);
  const activate = !baseline || candidate.macroF1 >= baseline.macroF1;
  const model = activate ? TextClassifier.train(examples, job.options).toJSON() : undefined;
  return { candidate, ...(baseline && { baseline }), activate, ...(model && { model }) };
}

/** The thread's entry module, beside this one: `.js` in dist/, `.ts` when Jest runs the sources. */
const ENTRY = join(__dirname, __filename.endsWith('.ts') ? 'training.thread.ts' : 'training.thread.js');
const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * Run from the TypeScript sources (Jest), the thread cannot load `.ts` by itself: it compiles each
 * module with SWC on require, with the workspace's .swcrc (whose paths rewrite the `@kesu/*`
 * aliases), as the Jest transform does. The built service (dist/) starts the `.js` entry directly.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');
const { transformSync } = require(require.resolve('@swc/core', { paths: [workerData.root] }));
const { $schema, ...swcrc } = JSON.parse(readFileSync(join(workerData.root, '.swcrc'), 'utf8'));
const options = { ...swcrc, jsc: { ...swcrc.jsc, baseUrl: workerData.root }, swcrc: false, sourceMaps: 'inline' };
Module._extensions['.ts'] = (module, filename) =>
  module._compile(transformSync(readFileSync(filename, 'utf8'), { ...options, filename }).code, filename);
require(workerData.entry);
`;

/** A training on its own thread; `terminate` ends it (the promise then rejects). */
export interface TrainingThread {
  readonly outcome: Promise<TrainingOutcome>;
  terminate(): Promise<void>;
}

export function trainInThread(job: TrainingJob): TrainingThread {
  const worker = ENTRY.endsWith('.ts')
    ? new Worker(TS_BOOTSTRAP, { eval: true, workerData: { job, entry: ENTRY, root: ROOT } })
    : new Worker(ENTRY, { workerData: { job } });
  const outcome = new Promise<TrainingOutcome>((resolve, reject) => {
    worker.once('message', (outcome: TrainingOutcome) => resolve(outcome));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the training thread exited (${code}) without a result`)));
  });
  return {
    outcome,
    terminate: async () => {
      await worker.terminate();
    },
  };
}
