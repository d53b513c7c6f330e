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
import { IntakePolicies } from './policy/intake-policy';
import { RegisterComplaintHandler } from './registration/register-complaint';
import { RegistrationController } from './registration/registration.controller';
import { LinkDuplicateHandler } from './same-matter/link-duplicate';
import { IdentityIndexWorker } from './same-matter/identity-index.worker';
import { IdentityKeys } from './same-matter/identity-keys';
import { SameMatterChecks } from './same-matter/same-matter-checks';

/** Intake: takes complaints in from every channel and records them. */
@Module({
  controllers: [RegistrationController, ComplaintActionsController],
  providers: [
    RegisterComplaintHandler,
    IntakeActions,
    ConfirmRecordHandler,
    AcceptComplaintHandler,
    RejectComplaintHandler,
    AppealRejectionHandler,
    DecideAppealHandler,
    WithdrawComplaintHandler,
    intakeEventsProvider,
    { provide: IntakePolicies, useFactory: () => IntakePolicies.fromEnvironment(process.env) },
    IdentityKeys,
    LinkDuplicateHandler,
    IdentityIndexWorker,
    SameMatterChecks,
  ],
})
export class IntakeModule {}
