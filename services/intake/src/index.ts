export { IntakeModule } from './intake.module';
export { RegisterComplaintCommand, type Registration } from './registration/register-complaint';
export type { RegistrationResult } from './registration/registration-result';
export type { ActionOutcome, ActionResult } from './actions/intake-actions';
