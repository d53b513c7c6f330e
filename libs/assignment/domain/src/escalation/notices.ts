import type { EscalationLevel, LocalizedName, ResponseDeadline } from '@kesu/assignment-contracts';
import { DateTime } from 'luxon';
import { ESCALATION_LEVEL_LABELS } from './labels';

/** When a level must respond, escalated at `at` (null: no deadline). */
export function respondByOf(
  deadline: ResponseDeadline | undefined,
  at: string,
  timeZone: string,
): string | null {
  if (!deadline) return null;
  if (deadline.kind === 'within_hours')
    return new Date(Date.parse(at) + deadline.hours * 3_600_000).toISOString();
  return DateTime.fromISO(at, { zone: timeZone }).endOf('day').toUTC().toJSDate().toISOString();
}

/** An instant as people of the time zone read it: `2026-03-04 17:30`. */
export const localTime = (instant: string, timeZone: string): string =>
  DateTime.fromISO(instant, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');

/** What the person who receives an escalation is told, in zh and en. */
export function escalatedNotice(notice: {
  readonly reference: string;
  readonly level: EscalationLevel;
  readonly holderName: LocalizedName;
  readonly why: LocalizedName;
  readonly respondBy: string | null;
  readonly timeZone: string;
}): LocalizedName {
  const { reference, level, holderName, why, respondBy, timeZone } = notice;
  const label = ESCALATION_LEVEL_LABELS[level];
  const by = respondBy && localTime(respondBy, timeZone);
  return {
    zh:
      `投诉 ${reference} 已升级至${label.zh}（${holderName.zh}），原因：${why.zh}。` +
      (by ? `请于 ${by} 前响应。` : ''),
    en:
      `Complaint ${reference} was escalated to you as ${label.en} (${holderName.en}). Why: ${why.en}.` +
      (by ? ` Please respond by ${by} (${timeZone}).` : ''),
  };
}

/** What the person a complaint is handed back to is told, in zh and en. */
export function handedBackNotice(reference: string, from: EscalationLevel, note: string): LocalizedName {
  const label = ESCALATION_LEVEL_LABELS[from];
  return {
    zh: `投诉 ${reference} 已由${label.zh}交回给您处理。说明：${note}`,
    en: `Complaint ${reference} was handed back to you by the ${label.en}. Note: ${note}`,
  };
}
