import 'reflect-metadata';
import { runService } from '@kesu/platform';
import { SlaModule } from './sla.module';

runService(SlaModule, { service: 'sla' });
