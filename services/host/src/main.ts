import 'reflect-metadata';
import { runService } from '@kesu/platform';
import { DemoClock } from './demo/history/demo-clock';
import { HostModule } from './host.module';

// The system's time, except while the demo history is written on first start (docs/demo.md).
runService(HostModule, { service: 'host', clock: new DemoClock() });
