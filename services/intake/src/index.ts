export { IntakeModule } from './intake.module';
export {
  ComplaintRegistration,
  type Registration,
  type RegistrationResult,
} from './complaints/complaint-registration.service';
export type { ActionOutcome, ActionResult } from './actions/intake-actions';
