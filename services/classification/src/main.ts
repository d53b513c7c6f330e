import 'reflect-metadata';
import { runService } from '@kesu/platform';
import { ClassificationModule } from './classification.module';

runService(ClassificationModule, { service: 'classification' });
