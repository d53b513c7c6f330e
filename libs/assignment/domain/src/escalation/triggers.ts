import { ESCALATION_TRIGGERS, type EscalationTrigger } from '@kesu/assignment-contracts';

/** A complaint's classification, as far as escalation reads it (classification's ComplaintClassified, or a correction). */
export interface ClassificationFacts {
  readonly severity?: string;
  readonly scope?: string;
  readonly signals?: readonly string[];
}

/**
 * The triggers a classification carries: its severity (`critical`, `major`), its scope
 * (`collective`) and the escalation signals found in the complaint (those escalation knows).
 */
export function triggersOfClassification(classification: ClassificationFacts): EscalationTrigger[] {
  const { severity, scope, signals = [] } = classification;
  const known = ESCALATION_TRIGGERS as readonly string[];
  return [
    ...(severity === 'critical' || severity === 'major' ? [severity as EscalationTrigger] : []),
    ...(scope === 'collective' ? ['collective' as const] : []),
    ...signals.filter((s): s is EscalationTrigger => known.includes(s)),
  ];
}

/**
 * The events the SLA service publishes about a complaint's time limits (`@kesu/sla-contracts`), and
 * the trigger each is: a warning before the limit, and its breach (docs/assignment.md). Each
 * occurrence escalates again (RECURRING_TRIGGERS).
 */
export const SLA_EVENT_TRIGGERS: Readonly<Record<string, EscalationTrigger>> = {
  SlaWarningRaised: 'sla_at_risk',
  SlaBreached: 'sla_breached',
};
