import type { Clock } from '@kesu/ports';
import type { TenantSettings } from '../settings/tenant-settings.service';
import type { TextModels } from './text-models';
import type { TrainingExamples } from './training-examples';

/** Examples written just before a check may commit after it: each check looks this far back again. */
const OVERLAP_MS = 60_000;

/**
 * When a tenant's model is due a retraining: its `autoRetrainAfter` setting (0: never) counts the
 * labeled examples — corrections, closed complaints' categories, imports — added since its last
 * training read them (activated or rejected: a rejection does not make it due again at once; the
 * examples added while a training ran count towards the next; before any training, every example
 * counts).
 */
export class AutoRetraining {
  /** The end of the previous look for tenants with new examples ('' before the first: every tenant). */
  private checkedUntil = '';

  constructor(
    private readonly clock: Clock,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
    private readonly models: TextModels,
  ) {}

  /** The tenants with examples added since the previous call (the first call: every tenant). */
  async tenantsWithNewExamples(): Promise<string[]> {
    const now = this.clock.now().getTime();
    const tenants = await this.examples.tenantsAddedToSince(this.checkedUntil);
    this.checkedUntil = new Date(now - OVERLAP_MS).toISOString();
    return tenants.sort();
  }

  /** Whether the tenant is due, and how many examples were added since its last training. */
  async due(tenantId: string): Promise<{ readonly added: number; readonly after: number } | null> {
    const after = await this.settings.autoRetrainAfter(tenantId);
    if (after === 0) return null;
    const since = (await this.models.lastTrainingExamplesAsOf(tenantId)) ?? '';
    const added = await this.examples.addedSince(tenantId, since);
    return added >= after ? { added, after } : null;
  }
}
