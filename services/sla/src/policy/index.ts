import { ChangeSlaSettingsHandler } from './change-sla-settings';
import { SlaPolicies } from './sla-policies';
import { SlaPolicyController } from './sla-policy.controller';

export { SlaPolicies } from './sla-policies';

/** The SLA settings' routes. */
export const policyControllers = [SlaPolicyController];

/** The SLA settings' services and command handlers. */
export const policyProviders = [SlaPolicies, ChangeSlaSettingsHandler];
