import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@kesu/analytics';
import { AssignmentModule } from '@kesu/assignment';
import { ClassificationModule } from '@kesu/classification';
import { FollowUpModule } from '@kesu/follow-up';
import { IntakeModule } from '@kesu/intake';
import { SlaModule } from '@kesu/sla';
import { ConsoleSite } from './console/console-site.provider';
import { DemoSeeder } from './demo/demo-seeder';

/** All six services in one process, sharing one storage, and the web console at `/`. */
@Module({
  imports: [IntakeModule, ClassificationModule, AssignmentModule, SlaModule, FollowUpModule, AnalyticsModule],
  providers: [DemoSeeder, ConsoleSite],
})
export class HostModule {}
