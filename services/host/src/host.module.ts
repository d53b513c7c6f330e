import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@kesu/analytics';
import { AssignmentModule } from '@kesu/assignment';
import { ClassificationModule } from '@kesu/classification';
import { FollowUpModule } from '@kesu/follow-up';
import { IntakeModule } from '@kesu/intake';
import { SlaModule } from '@kesu/sla';
import { ConsoleSite } from './console/console-site.provider';
import { DemoSeeder } from './demo/demo-seeder';
import { DemoHistory } from './demo/history/demo-history';
import { DEMO_HISTORY_CONFIG, loadDemoHistoryConfig } from './demo/history/demo-history-config';

/** All six services in one process, sharing one storage, and the web console at `/`. */
@Module({
  imports: [IntakeModule, ClassificationModule, AssignmentModule, SlaModule, FollowUpModule, AnalyticsModule],
  providers: [
    DemoSeeder,
    DemoHistory,
    { provide: DEMO_HISTORY_CONFIG, useFactory: () => loadDemoHistoryConfig(process.env) },
    ConsoleSite,
  ],
})
export class HostModule {}
