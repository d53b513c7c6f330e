import { Module } from '@nestjs/common';
import { classificationEventsProvider } from './classification-events';
import { ClassifyComplaintHandler } from './classify/classify-complaint';
import { ClassifyCorrectedComplaintHandler } from './classify/classify-corrected-complaint';
import { ClassifyWorker } from './classify/classify.worker';
import { ComplaintClassifier } from './classify/complaint-classifier.service';
import { ReclassificationController } from './reclassification/reclassification.controller';
import { ReclassifyComplaintHandler } from './reclassification/reclassify-complaint';
import { ChangeRulesHandler } from './settings/change-rules';
import { ChangeSettingsHandler } from './settings/change-settings';
import { ChangeTaxonomyHandler } from './settings/change-taxonomy';
import { collectiveIncidentControllers, collectiveIncidentProviders } from './collective-incidents';
import { ClassificationSettingsController } from './settings/classification-settings.controller';
import { DryRunRulesHandler } from './settings/dry-run-rules';
import { GetRulesHandler, GetSettingsHandler, GetTaxonomyHandler } from './settings/read-settings';
import { SettingsChanges } from './settings/settings-changes';
import { TenantSettings } from './settings/tenant-settings.service';
import { ActivateModelHandler } from './training/activate-model';
import { ClosedComplaintsWorker } from './training/closed-complaints.worker';
import { ImportTrainingExamplesHandler } from './training/import-examples';
import { LearnFromClosedComplaintHandler } from './training/learn-from-closed-complaint';
import { ListTrainingExamplesHandler } from './training/list-examples';
import { ListModelsHandler, ModelListing } from './training/list-models';
import { ModelOutcomes } from './training/model-outcomes';
import { ModelTraining } from './training/model-training.service';
import { RemoveTrainingExampleHandler } from './training/remove-example';
import { TextModels } from './training/text-models';
import { TrainModelHandler } from './training/train-model';
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
    SettingsChanges,
    TrainingExamples,
    TextModels,
    ModelTraining,
    ModelOutcomes,
    ModelListing,
    ComplaintClassifier,
    ClassifyWorker,
    ...collectiveIncidentProviders,
    ClosedComplaintsWorker,
    // classify/: reactions to intake
    ClassifyComplaintHandler,
    ClassifyCorrectedComplaintHandler,
    // reclassification/
    ReclassifyComplaintHandler,
    // settings/
    GetTaxonomyHandler,
    GetRulesHandler,
    GetSettingsHandler,
    ChangeTaxonomyHandler,
    ChangeRulesHandler,
    ChangeSettingsHandler,
    DryRunRulesHandler,
    // training/
    ImportTrainingExamplesHandler,
    ListTrainingExamplesHandler,
    RemoveTrainingExampleHandler,
    TrainModelHandler,
    ActivateModelHandler,
    ListModelsHandler,
    LearnFromClosedComplaintHandler,
  ],
  exports: [ComplaintClassifier, ModelTraining, TrainingExamples],
})
export class ClassificationModule {}
