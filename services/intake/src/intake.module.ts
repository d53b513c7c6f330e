import { Module } from '@nestjs/common';
import { ComplaintRegistration } from './complaints/complaint-registration.service';
import { ComplaintsIntakeController } from './complaints/complaints-intake.controller';
import { intakeEventsProvider } from './intake-events';

/** Intake: takes complaints in from every channel and records them. */
@Module({
  controllers: [ComplaintsIntakeController],
  providers: [ComplaintRegistration, intakeEventsProvider],
  exports: [ComplaintRegistration],
})
export class IntakeModule {}
