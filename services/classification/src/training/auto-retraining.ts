import type { Clock, DocumentStore } from '@kesu/ports';
import type { TenantSettings } from '../settings/tenant-settings.service';
import type { TextModels } from './text-models';
import { TRAINING_EXAMPLES, type TrainingExamples } from './training-examples';

/** Examples written just before a check may commit after it: each check looks this far back again. */
const OVERLAP_MS = 60_000;

/**
 * When a tenant's model is due a retraining: its `autoRetrainAfter` setting (0: never) counts the
 * labeled examples — corrections, closed complaints' categories, imports — added since its last
 * training (activated or rejected: a rejection does not make it due again at once; before any
 * training, every example counts).
 */
export class AutoRetraining {
  /** The end of the previous look for tenants with new examples ('' before the first: every tenant). */
  private checkedUntil = '';

  constructor(
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
    private readonly models: TextModels,
  ) {}

  /** Indexes the examples by the time they were added (what the checks filter on). */
  async prepare(): Promise<void> {
    const examples = this.documents.collection(TRAINING_EXAMPLES);
    await examples.ensureIndex(['addedAt']);
    await examples.ensureIndex(['tenantId', 'addedAt']);
  }

  /** The tenants with examples added since the previous call (the first call: every tenant). */
  async tenantsWithNewExamples(): Promise<string[]> {
    const now = this.clock.now().getTime();
    const tenants = [...(await this.examples.addedSince(this.checkedUntil)).keys()];
    this.checkedUntil = new Date(now - OVERLAP_MS).toISOString();
    return tenants.sort();
  }

  /** Whether the tenant is due, and how many examples were added since its last training. */
  async due(tenantId: string): Promise<{ readonly added: number; readonly after: number } | null> {
    const after = await this.settings.autoRetrainAfter(tenantId);
    if (after === 0) return null;
    const since = (await this.models.lastTrainedAt(tenantId)) ?? '';
    const added = (await this.examples.addedSince(since, tenantId)).get(tenantId) ?? 0;
    return added >= after ? { added, after } : null;
  }
}
