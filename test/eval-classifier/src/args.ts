import { type ClassifierOptions, DEFAULT_NEAR_DUPLICATES } from '@kesu/classification-text-model';

export type Format = 'cocc' | 'cfpb';

export interface EvalArgs {
  format: Format;
  /** cfpb: the label column. */
  label: string;
  train: string;
  test?: string;
  /** k-fold cross-validation on --train alone. */
  cv?: number;
  seed: number;
  /** The naive-Bayes baseline instead of the tuned classifier. */
  baseline: boolean;
  /** --cv: keep near-duplicate texts in one fold (off with --no-group). */
  group: boolean;
  /** The Jaccard similarity at or above which two texts are near-duplicates. */
  groupSimilarity: number;
  /** Overrides of the classifier's options (`--set c=0.5`, `--set features.hanNgrams=[1,2]`). */
  overrides: Record<string, unknown>;
}

export const USAGE = `usage: npm run eval:classifier -- --format cocc|cfpb [--label Product] --train FILE (--test FILE | --cv K)
  [--seed N] [--baseline] [--no-group] [--group-similarity J] [--set option=json ...]

  --format cocc   one "text<TAB>label" per line (split on the last tab)
  --format cfpb   the CFPB complaint export CSV; --label names the label column (default Product)
  --train FILE    labeled training file
  --test FILE     labeled test file: train on --train, score on --test
  --cv K          stratified K-fold cross-validation on --train alone (seeded by --seed), near-duplicate
                  texts (the same template with other numbers or names) kept in one fold
  --no-group      --cv without grouping: near-duplicates may fall in different folds
  --group-similarity J
                  the shingle Jaccard similarity that makes two texts near-duplicates (default ${DEFAULT_NEAR_DUPLICATES.similarity})
  --baseline      multinomial naive Bayes on the same features instead of the tuned classifier
  --set k=v       override a classifier option, v as JSON (e.g. --set c=0.5 --set algorithm='"softmax"')`;

export class UsageError extends Error {}

/** Parses the command line; throws a UsageError naming the flag that is wrong or missing. */
export function parseArgs(argv: readonly string[]): EvalArgs {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === 'baseline' || name === 'no-group' || name === 'help') {
      flags.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  if (flags.has('help')) throw new UsageError('');
  const known = new Set(['format', 'label', 'train', 'test', 'cv', 'seed', 'group-similarity', 'set']);
  for (const name of values.keys()) if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
  const one = (name: string): string | undefined => values.get(name)?.at(-1);

  const format = one('format');
  if (format !== 'cocc' && format !== 'cfpb') throw new UsageError('--format must be cocc or cfpb');
  const train = one('train');
  if (train === undefined) throw new UsageError('--train FILE is required');
  const test = one('test');
  const cvText = one('cv');
  const cv = cvText === undefined ? undefined : Number(cvText);
  if (cv !== undefined && !(Number.isInteger(cv) && cv >= 2)) {
    throw new UsageError(`--cv must be an integer ≥ 2, got "${cvText}"`);
  }
  if (test === undefined && cv === undefined) throw new UsageError('give --test FILE or --cv K');
  const seedText = one('seed') ?? '1';
  const seed = Number(seedText);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${seedText}"`);

  const similarityText = one('group-similarity');
  const groupSimilarity =
    similarityText === undefined ? DEFAULT_NEAR_DUPLICATES.similarity : Number(similarityText);
  if (!(groupSimilarity > 0 && groupSimilarity <= 1)) {
    throw new UsageError(`--group-similarity must be a number in (0, 1], got "${similarityText}"`);
  }

  const overrides: Record<string, unknown> = {};
  for (const setting of values.get('set') ?? []) {
    const [key, json] = setting.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!key || json === undefined) throw new UsageError(`--set needs option=value, got "${setting}"`);
    try {
      assignPath(overrides, key, JSON.parse(json));
    } catch {
      throw new UsageError(`--set ${key}: "${json}" is not JSON`);
    }
  }
  return {
    format,
    label: one('label') ?? 'Product',
    train,
    ...(test === undefined ? {} : { test }),
    ...(cv === undefined ? {} : { cv }),
    seed,
    baseline: flags.has('baseline'),
    group: !flags.has('no-group'),
    groupSimilarity,
    overrides,
  };
}

function assignPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** Merges overrides into options, one level deep for nested option groups (features). */
export function withOverrides(
  options: Partial<ClassifierOptions>,
  base: ClassifierOptions,
  overrides: Record<string, unknown>,
): Partial<ClassifierOptions> {
  const merged: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(overrides)) {
    const current = (merged[key] ?? (base as unknown as Record<string, unknown>)[key]) as unknown;
    merged[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object'
        ? { ...(current as object), ...(value as object) }
        : value;
  }
  return merged as Partial<ClassifierOptions>;
}
