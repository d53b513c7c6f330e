import { Module } from '@nestjs/common';
import { classificationEventsProvider } from './classification-events';
import { ClassifyWorker } from './classify/classify.worker';
import { ComplaintClassifier } from './classify/complaint-classifier.service';
import { ReclassificationController } from './classify/reclassification.controller';
import { collectiveIncidentControllers, collectiveIncidentProviders } from './collective-incidents';
import { Reclassification } from './classify/reclassification.service';
import { ClassificationSettingsController } from './settings/classification-settings.controller';
import { TenantSettings } from './settings/tenant-settings.service';
import { ClosedComplaintsWorker } from './training/closed-complaints.worker';
import { ModelOutcomes } from './training/model-outcomes';
import { ModelTraining } from './training/model-training.service';
import { TextModels } from './training/text-models';
import { TrainingController } from './training/training.controller';
import { TrainingExamples } from './training/training-examples';

/** Classification: assigns category, severity, scope and nature to each complaint, and learns. */
@Module({
  controllers: [
    ReclassificationController,
    ...collectiveIncidentControllers,
    ClassificationSettingsController,
    TrainingController,
  ],
  providers: [
    classificationEventsProvider,
    TenantSettings,
    TrainingExamples,
    TextModels,
    ModelTraining,
    ModelOutcomes,
    ComplaintClassifier,
    ClassifyWorker,
    ...collectiveIncidentProviders,
    ClosedComplaintsWorker,
    Reclassification,
  ],
  exports: [ComplaintClassifier, ModelTraining, TrainingExamples],
})
export class ClassificationModule {}
