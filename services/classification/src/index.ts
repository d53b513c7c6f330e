export { ClassificationModule } from './classification.module';
