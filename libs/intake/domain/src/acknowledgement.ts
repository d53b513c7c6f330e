import { DateTime } from 'luxon';
import type { Language } from './complaint';

/**
 * The message read back to the customer on registration (复述确认, 明确告知): the reference,
 * what happens next, by when, and how to reach us.
 */
export function acknowledgementMessage(
  language: Language,
  reference: string,
  respondBy: string,
  timeZone: string,
): string {
  const by = DateTime.fromISO(respondBy).setZone(timeZone);
  if (language === 'zh') {
    return `您的投诉已登记，编号 ${reference}。我们将核实情况，并于 ${by.toFormat('yyyy年M月d日 HH:mm')} 前与您联系。如需补充或查询进度，请提供此编号。`;
  }
  return `Your complaint has been registered as ${reference}. We will look into it and contact you by ${by.setLocale('en').toFormat('d MMMM yyyy, HH:mm')}. Please quote this reference to add details or ask about progress.`;
}
