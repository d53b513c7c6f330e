import 'reflect-metadata';
import { runService } from '@kesu/platform';
import { IntakeModule } from './intake.module';

runService(IntakeModule, { service: 'intake' });
