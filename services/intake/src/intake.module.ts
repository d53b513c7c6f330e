import { Module } from '@nestjs/common';
import { AcceptComplaintHandler } from './actions/accept-complaint';
import { AppealRejectionHandler } from './actions/appeal-rejection';
import { ComplaintActionsController } from './actions/complaint-actions.controller';
import { ConfirmRecordHandler } from './actions/confirm-record';
import { DecideAppealHandler } from './actions/decide-appeal';
import { IntakeActions } from './actions/intake-actions';
import { RejectComplaintHandler } from './actions/reject-complaint';
import { WithdrawComplaintHandler } from './actions/withdraw-complaint';
import { intakeEventsProvider } from './intake-events';
import { ChangeIntakePolicyHandler } from './policy/change-intake-policy';
import { GetIntakeSettingsHandler } from './policy/get-intake-settings';
import { IntakePolicies } from './policy/intake-policies';
import { intakePolicyDefaultsProvider } from './policy/intake-policy-defaults';
import { IntakeSettingsController } from './policy/intake-settings.controller';
import { ApplyRetentionHandler } from './privacy/apply-retention';
import { CompleteErasureHandler } from './privacy/complete-erasure';
import { DataSubjects } from './privacy/data-subjects';
import { ErasureWorker } from './privacy/erasure.worker';
import { ExportPersonalDataHandler } from './privacy/export-personal-data';
import { GetErasureRequestHandler } from './privacy/get-erasure-request';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyRegisterWorker } from './privacy/privacy-register.worker';
import { RequestErasureHandler } from './privacy/request-erasure';
import { RetentionJob } from './privacy/retention.job';
import { ComplainantSealing } from './registration/complainant-sealing';
import { RegisterComplaintHandler } from './registration/register-complaint';
import { RegistrationController } from './registration/registration.controller';
import { IdentityIndexWorker } from './same-matter/identity-index.worker';
import { IdentityKeys } from './same-matter/identity-keys';
import { LinkDuplicateHandler } from './same-matter/link-duplicate';
import { SameMatterChecks } from './same-matter/same-matter-checks';
import { SameMatterLease } from './same-matter/same-matter-lease';

/**
 * Intake: takes complaints in from every channel and records them under each tenant's intake policy;
 * owns complainants' personal data, and with it their rights (erasure, access, retention).
 */
@Module({
  controllers: [
    RegistrationController,
    ComplaintActionsController,
    IntakeSettingsController,
    PrivacyController,
  ],
  providers: [
    intakeEventsProvider,
    intakePolicyDefaultsProvider,
    IntakePolicies,
    ChangeIntakePolicyHandler,
    GetIntakeSettingsHandler,
    RegisterComplaintHandler,
    IntakeActions,
    ConfirmRecordHandler,
    AcceptComplaintHandler,
    RejectComplaintHandler,
    AppealRejectionHandler,
    DecideAppealHandler,
    WithdrawComplaintHandler,
    IdentityKeys,
    ComplainantSealing,
    IdentityIndexWorker,
    SameMatterChecks,
    SameMatterLease,
    LinkDuplicateHandler,
    DataSubjects,
    PrivacyRegisterWorker,
    RequestErasureHandler,
    CompleteErasureHandler,
    GetErasureRequestHandler,
    ErasureWorker,
    ExportPersonalDataHandler,
    ApplyRetentionHandler,
    RetentionJob,
  ],
})
export class IntakeModule {}
