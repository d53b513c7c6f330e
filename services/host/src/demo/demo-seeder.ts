import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ModelTraining, TrainingExamples } from '@kesu/classification';
import { RegisterComplaintCommand } from '@kesu/intake';
import { CLOCK, CONFIG, type PlatformConfig, OrgDirectory } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { sampleComplaints } from './sample-complaints';
import { sampleTrainingExamples } from './sample-training-examples';

const DEMO_TENANT = 'demo';

/**
 * Gives the demo tenant its sample complaints and its first labeled examples on first start. Each
 * complaint is registered through the same command as `POST /api/v1/complaints` with a fixed
 * idempotency key, and an example is keyed by its text, so restarts and a second process on the
 * same data add nothing twice. The examples make the tenant's automatic
 * retraining due: its first text model trains in the background.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly directory: OrgDirectory,
    private readonly examples: TrainingExamples,
    private readonly training: ModelTraining,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.profile !== 'demo') return;
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
}
