export { ClassificationModule } from './classification.module';
export { ModelTraining } from './training/model-training.service';
export { TrainingExamples } from './training/training-examples';
