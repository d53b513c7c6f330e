import { type Language } from '@kesu/intake-contracts';
import { assertNever } from '@kesu/kernel';
import { DateTime } from 'luxon';
import type { RegistrationOutcome } from './register-complaint';

/** What the customer is told on registration, and the tenant's settings the message uses. */
export interface AcknowledgementFacts {
  readonly language: Language;
  readonly reference: string;
  /** When the customer hears from us at the latest (an instant). */
  readonly respondBy: string;
  /** The tenant's time zone: the deadline is told in local time. */
  readonly timeZone: string;
  /** How the customer reaches us, in their language (e.g. `客服热线 400-800-1234`). */
  readonly contact: string;
  readonly outcome: RegistrationOutcome;
}

/**
 * The message read back to the customer on registration (复述确认, 明确告知): the reference, what
 * happens now for this outcome, by when (in the tenant's time zone), and how to reach us.
 */
export function acknowledgementMessage(facts: AcknowledgementFacts): string {
  const by = DateTime.fromISO(facts.respondBy).setZone(facts.timeZone);
  return facts.language === 'zh'
    ? chinese(facts, by.toFormat('yyyy年M月d日 HH:mm'))
    : english(facts, by.setLocale('en').toFormat('d MMMM yyyy, HH:mm'));
}

function chinese({ reference: ref, contact, outcome }: AcknowledgementFacts, by: string): string {
  const quote = `如需补充或查询进度，请联系${contact}，并提供编号 ${ref}。`;
  const { duplicateElsewhere: handling, repeatElsewhere: handled } = outcome;
  if (outcome.status === 'merged' && handling) {
    return `您就同一问题已有一件投诉正在${handling.name.zh}处理中，本次投诉已登记为 ${ref} 并合并到该投诉，不会重复立案；该投诉的进展请向${handling.name.zh}了解。我们将于 ${by} 前与您联系。${quote}`;
  }
  if (outcome.status === 'received' && handled) {
    return `您的投诉已登记，编号 ${ref}。您此前曾就同一问题向${handled.name.zh}投诉，本次作为重复投诉登记并重点跟进。我们将于 ${by} 前与您联系。${quote}`;
  }
  switch (outcome.status) {
    case 'resolved_on_the_spot':
      return `您的投诉已登记，编号 ${ref}，并已当场处理：${unstopped(outcome.remedy ?? '')}。我们将于 ${by} 前回访，了解您对处理结果是否满意。如有异议，请联系${contact}，并提供此编号。`;
    case 'rejected':
      return `您的投诉已登记，编号 ${ref}。${outcome.explanation}如您认为该决定有误，可提出申诉：请联系${contact}，并提供此编号。`;
    case 'merged':
      return `您反映的问题已在编号 ${outcome.duplicateOf?.reference} 下处理中，本次投诉已登记为 ${ref} 并合并到该投诉，不会重复立案。我们将于 ${by} 前与您联系，告知处理进展。${quote}`;
    case 'received':
      return outcome.repeatOf
        ? `您的投诉已登记，编号 ${ref}。您此前就同一问题的投诉（编号 ${outcome.repeatOf.reference}）已办结，本次作为重复投诉登记并重点跟进。我们将于 ${by} 前与您联系。${quote}`
        : `您的投诉已登记，编号 ${ref}。我们将核实情况，并于 ${by} 前与您联系。${quote}`;
    default:
      return assertNever(outcome.status);
  }
}

function english({ reference: ref, contact, outcome }: AcknowledgementFacts, by: string): string {
  const quote = `To add details or ask about progress, contact our ${contact} and quote reference ${ref}.`;
  const { duplicateElsewhere: handling, repeatElsewhere: handled } = outcome;
  if (outcome.status === 'merged' && handling) {
    return `You already have a complaint about the same matter in progress with our ${handling.name.en}. This contact has been registered as ${ref} and added to it, so it will not be handled twice; for its progress, please ask our ${handling.name.en}. We will contact you by ${by}. ${quote}`;
  }
  if (outcome.status === 'received' && handled) {
    return `Your complaint has been registered as ${ref}. You complained about the same matter to our ${handled.name.en} before, so this one is recorded as a repeat complaint and followed up with priority. We will contact you by ${by}. ${quote}`;
  }
  switch (outcome.status) {
    case 'resolved_on_the_spot':
      return `Your complaint has been registered as ${ref} and resolved on the spot: ${unstopped(outcome.remedy ?? '')}. We will call you back by ${by} to ask whether you are satisfied. If you disagree, contact our ${contact} and quote this reference.`;
    case 'rejected':
      return `Your complaint has been registered as ${ref}. ${outcome.explanation} If you believe this decision is wrong, you may appeal through our ${contact}, quoting this reference.`;
    case 'merged':
      return `The matter you raised is already being handled under reference ${outcome.duplicateOf?.reference}. This contact has been registered as ${ref} and added to that complaint, so it will not be handled twice. We will contact you about progress by ${by}. ${quote}`;
    case 'received':
      return outcome.repeatOf
        ? `Your complaint has been registered as ${ref}. Your earlier complaint about the same matter (${outcome.repeatOf.reference}) was closed, so this one is recorded as a repeat complaint and followed up with priority. We will contact you by ${by}. ${quote}`
        : `Your complaint has been registered as ${ref}. We will look into it and contact you by ${by}. ${quote}`;
    default:
      return assertNever(outcome.status);
  }
}

/** The text without its closing full stop, for a template that adds its own. */
function unstopped(text: string): string {
  return text.replace(/[。．.！!]+$/u, '');
}
