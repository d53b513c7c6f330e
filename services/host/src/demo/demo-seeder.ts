import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ComplaintRegistration } from '@kesu/intake';
import { CONFIG, type PlatformConfig, OrgDirectory } from '@kesu/platform';
import { sampleComplaints } from './sample-complaints';

const DEMO_TENANT = 'demo';

/**
 * Gives the demo tenant its sample complaints on first start. Each has a fixed idempotency key,
 * so restarts and a second process on the same data register nothing twice.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(CONFIG) private readonly config: PlatformConfig,
    private readonly registration: ComplaintRegistration,
    private readonly directory: OrgDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.profile !== 'demo') return;
    let created = 0;
    for (const [i, { agent, ...body }] of sampleComplaints.entries()) {
      const principal = this.directory.principalOf(DEMO_TENANT, agent);
      const result = await this.registration.register({
        principal,
        body,
        idempotencyKey: `demo-sample-${i + 1}`,
        requestId: `demo-seed-${i + 1}`,
      });
      if (result.created) created++;
    }
    if (created > 0) this.logger.log(`demo tenant seeded with ${created} sample complaints`);
  }
}
