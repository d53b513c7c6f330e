import 'reflect-metadata';
import { runService } from '@kesu/platform';
import { HostModule } from './host.module';

runService(HostModule, { service: 'host' });
