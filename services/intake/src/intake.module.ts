import { Module } from '@nestjs/common';
import { ComplaintActionsController } from './complaints/complaint-actions.controller';
import { ComplaintActions } from './complaints/complaint-actions.service';
import { ComplaintRegistration } from './complaints/complaint-registration.service';
import { ComplaintsIntakeController } from './complaints/complaints-intake.controller';
import { intakeEventsProvider } from './intake-events';
import { IntakePolicies } from './policy/intake-policy';
import { DuplicateLinks } from './same-matter/duplicate-links';
import { IdentityIndexWorker } from './same-matter/identity-index.worker';
import { IdentityKeys } from './same-matter/identity-keys';
import { SameMatterChecks } from './same-matter/same-matter-checks';

/** Intake: takes complaints in from every channel and records them. */
@Module({
  controllers: [ComplaintsIntakeController, ComplaintActionsController],
  providers: [
    ComplaintRegistration,
    ComplaintActions,
    intakeEventsProvider,
    { provide: IntakePolicies, useFactory: () => IntakePolicies.fromEnvironment(process.env) },
    IdentityKeys,
    DuplicateLinks,
    IdentityIndexWorker,
    SameMatterChecks,
  ],
  exports: [ComplaintRegistration, ComplaintActions],
})
export class IntakeModule {}
