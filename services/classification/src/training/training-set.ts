import { applyCorrections, type LabeledText } from '@kesu/classification-text-model';
import { UnprocessableError } from '@kesu/kernel';
import type { Clock } from '@kesu/ports';
import type { TenantSettings } from '../settings/tenant-settings.service';
import type { TrainingExamples } from './training-examples';

/** Fewest examples a model is trained on: 5 folds need 5, and fewer teach nothing. */
export const MIN_EXAMPLES = 10;

/** The examples a training learns from, and when they were read (`examplesAsOf`). */
export interface TrainingSet {
  readonly examples: LabeledText[];
  readonly asOf: string;
}

/** Whether a model can be trained on these examples: at least MIN_EXAMPLES, of at least 2 categories. */
export function enoughToTrain(examples: readonly LabeledText[]): boolean {
  return examples.length >= MIN_EXAMPLES && new Set(examples.map((e) => e.label)).size >= 2;
}

/** UnprocessableError (422) unless a model can be trained on the examples. */
export function assertEnoughToTrain(examples: readonly LabeledText[]): void {
  if (enoughToTrain(examples)) return;
  const labels = new Set(examples.map((e) => e.label)).size;
  throw new UnprocessableError(
    'classification.too_few_examples',
    `Training needs at least ${MIN_EXAMPLES} examples of at least 2 categories; the tenant has ${examples.length} of ${labels}.`,
  );
}

/**
 * A tenant's examples as a training reads them: after corrections (a correction replaces an import of
 * the same text), restricted to the taxonomy's categories.
 */
export class TrainingSets {
  constructor(
    private readonly clock: Clock,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
  ) {}

  async of(tenantId: string): Promise<TrainingSet> {
    const asOf = this.clock.now().toISOString();
    const { imported, corrections } = await this.examples.all(tenantId);
    const codes = new Set((await this.settings.taxonomy(tenantId)).categories.map((c) => c.code));
    return { examples: applyCorrections(imported, corrections).filter((e) => codes.has(e.label)), asOf };
  }
}
