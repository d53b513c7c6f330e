import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@kesu/analytics';
import { AssignmentModule } from '@kesu/assignment';
import { ClassificationModule } from '@kesu/classification';
import { FollowUpModule } from '@kesu/follow-up';
import { IntakeModule } from '@kesu/intake';
import { SlaModule } from '@kesu/sla';
import { DemoSeeder } from './demo/demo-seeder';

/** All six services in one process, sharing one storage. */
@Module({
  imports: [IntakeModule, ClassificationModule, AssignmentModule, SlaModule, FollowUpModule, AnalyticsModule],
  providers: [DemoSeeder],
})
export class HostModule {}
