import 'reflect-metadata';
import { runService } from '@kesu/platform';
import { AssignmentModule } from './assignment.module';

runService(AssignmentModule, { service: 'assignment' });
