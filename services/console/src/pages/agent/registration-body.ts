import type { Dayjs } from 'dayjs';
import type { Channel } from '../../api/types';
import { timeZone } from '../../shell/format';
import { CHANNEL_FIELDS } from './channel-details';

/** What the intake form holds. */
export interface IntakeValues {
  channel: Channel;
  branchId: string;
  complainant: { name: string; phone?: string; email?: string; customerId?: string };
  subject: { type: string; name?: string };
  description: string;
  occurredAt?: Dayjs;
  location?: string;
  expectedRemedy?: string;
  emotion?: string;
  complainantCount?: number;
  language?: string;
  channelDetails?: Record<string, string | Dayjs | undefined>;
  onTheSpot?: boolean;
  remedy?: string;
}

const blank = (value: unknown): boolean => value === undefined || value === null || value === '';

function withoutBlanks<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !blank(v))) as Partial<T>;
}

/** The body of `POST /api/v1/complaints` for the form's values (dates as instants in the tenant's zone). */
export function registrationBody(values: IntakeValues): Record<string, unknown> {
  const details: Record<string, string> = {};
  for (const field of CHANNEL_FIELDS[values.channel] ?? []) {
    const value = values.channelDetails?.[field.name];
    if (blank(value)) continue;
    if (typeof value === 'string') details[field.name] = value.trim();
    else if (value && field.kind === 'date')
      details[field.name] = value.tz(timeZone(), true).format('YYYY-MM-DD');
    else if (value) details[field.name] = value.toISOString();
  }
  return withoutBlanks({
    channel: values.channel,
    branchId: values.branchId,
    complainant: withoutBlanks(values.complainant),
    subject: withoutBlanks(values.subject),
    description: values.description,
    occurredAt: values.occurredAt?.toISOString(),
    location: values.location,
    expectedRemedy: values.expectedRemedy,
    emotion: values.emotion,
    complainantCount: values.complainantCount,
    language: values.language,
    channelDetails: Object.keys(details).length > 0 ? details : undefined,
    resolvedOnTheSpot: values.onTheSpot && values.remedy ? { remedy: values.remedy } : undefined,
  });
}
