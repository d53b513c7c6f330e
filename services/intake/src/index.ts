export { IntakeModule } from './intake.module';
export { RegisterComplaintCommand, type Registration } from './registration/register-complaint';
export type { RegistrationResult } from './registration/registration-result';
export { ChangeIntakePolicyCommand, type IntakeSettingsOutcome } from './policy/change-intake-policy';
export { GetIntakeSettingsQuery } from './policy/get-intake-settings';
export type { IntakeSettings } from './policy/intake-policies';
export type { PutIntakeSettingsDto } from './policy/intake-settings.dto';
export type { ActionOutcome, ActionResult } from './actions/intake-actions';
