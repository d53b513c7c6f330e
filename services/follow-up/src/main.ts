import 'reflect-metadata';
import { runService } from '@kesu/platform';
import { FollowUpModule } from './follow-up.module';

runService(FollowUpModule, { service: 'follow-up' });
