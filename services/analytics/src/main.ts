import 'reflect-metadata';
import { runService } from '@kesu/platform';
import { AnalyticsModule } from './analytics.module';

runService(AnalyticsModule, { service: 'analytics' });
