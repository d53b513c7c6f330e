import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DemoTenantSeeder } from '@kesu/assignment';
import { ModelTraining, TrainingExamples } from '@kesu/classification';
import { ChangeIntakePolicyCommand, GetIntakeSettingsQuery, RegisterComplaintCommand } from '@kesu/intake';
import { CLOCK, CONFIG, type PlatformConfig, OrgDirectory } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { DEMO_POLICY_REASON, demoScopeList } from './demo-intake-policy';
import { DemoClock } from './history/demo-clock';
import { DemoHistory } from './history/demo-history';
import { DEMO_HISTORY_CONFIG, type DemoHistoryConfig } from './history/demo-history-config';
import { sampleComplaints } from './sample-complaints';
import { sampleTrainingExamples } from './sample-training-examples';

const DEMO_TENANT = 'demo';

/**
 * Waits for the demo tenant and its organisation (the assignment service's `DemoTenantSeeder`, the
 * directory's own commands), then gives it its intake scope list, its sample complaints and its first labeled examples
 * on first start. The scope list is set as an administrator would set it (the intake settings
 * command) while the tenant has never changed its settings; each complaint is registered through
 * the same command as `POST /api/v1/complaints` with a fixed idempotency key, and an example is
 * keyed by its text, so restarts and a second process on the same data add nothing twice. The
 * examples make the tenant's automatic retraining due: its first text model trains in the background.
 * Before the samples, unless DEMO_HISTORY=off, the tenant gets months of history (`DemoHistory`,
 * `docs/demo.md`) while the host's clock stands in the past.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly directory: OrgDirectory,
    private readonly examples: TrainingExamples,
    private readonly training: ModelTraining,
    private readonly demoTenant: DemoTenantSeeder,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly history: DemoHistory,
    @Inject(DEMO_HISTORY_CONFIG) private readonly historyConfig: DemoHistoryConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.profile !== 'demo') return;
    await this.demoTenant.seed();
    await this.seedScopeList();
    // The host's own clock (main.ts) can stand in the past while the history is written.
    if (this.historyConfig.enabled && this.clock instanceof DemoClock)
      await this.history.write(this.historyConfig, this.clock);
    let created = 0;
    for (const [i, { agent, ...body }] of sampleComplaints.entries()) {
      // Some samples were taken for a neighbouring branch of the agent's region: the agent acts for
      // it here (their id, and so the complaint's id, stays the one the sample was first recorded with).
      const agentOf = this.directory.principalOf(DEMO_TENANT, agent);
      const principal = { ...agentOf, branchScope: [...agentOf.branchScope, body.branchId] };
      const caller = { principal, idempotencyKey: `demo-sample-${i + 1}` };
      const { replayed } = await this.commands.execute(new RegisterComplaintCommand(caller, body));
      if (!replayed) created++;
    }
    if (created > 0) this.logger.log(`demo tenant seeded with ${created} sample complaints`);
    const { imported } = await this.examples.import(
      DEMO_TENANT,
      sampleTrainingExamples.map(({ text, category }) => ({ text, label: category })),
      this.clock.now().toISOString(),
    );
    if (imported > 0) this.logger.log(`demo tenant given ${imported} labeled examples`);
    await this.training.retrainIfDue(DEMO_TENANT);
  }

  /** The demo tenant's scope list over the defaults, unless its intake settings were ever changed. */
  private async seedScopeList(): Promise<void> {
    const { version, policy } = await this.queries.execute(new GetIntakeSettingsQuery(DEMO_TENANT));
    if (version > 0) return;
    const caller = {
      principal: this.directory.principalOf(DEMO_TENANT, 'admin'),
      idempotencyKey: 'demo-intake-scope-list',
    };
    const { settings, replayed } = await this.commands.execute(
      new ChangeIntakePolicyCommand(caller, {
        ...policy,
        scope: { outOfScopeTerms: [...demoScopeList.outOfScopeTerms] },
        contact: { ...policy.contact },
        reason: DEMO_POLICY_REASON,
      }),
    );
    if (!replayed && settings.version > 0) this.logger.log('demo tenant given its intake scope list');
  }
}
