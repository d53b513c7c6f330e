import type { DomainEvent } from '@kesu/kernel';
import type { MessageKind, TemplateLanguage } from './message-events';

/**
 * A tenant's follow-up windows and rhythm: in hours of calendar time, and the callback and re-review
 * windows in working days of the tenant's business calendar when those are set (see `docs/follow-up.md`).
 */
export interface FollowUpSettings {
  /** The callback is due this long after resolution (default 24). */
  readonly callbackDueHours: number;
  /** Closed as `no_objection` this long after resolution unless the customer answered (default 72). */
  readonly objectionWindowHours: number;
  /** Callback tries before the customer counts as unreachable (default 3). */
  readonly callbackMaxAttempts: number;
  /** A re-review may be requested this long after the answer (default 5 days: 120). */
  readonly reReviewRequestHours: number;
  /** A re-review is answered within this long (default 6 days: 144). */
  readonly reReviewAnswerHours: number;
  /** A survey link stays valid this long (default 7 days: 168). */
  readonly surveyLinkHours: number;
  /** A progress update goes out at this interval while a complaint stays open (0: none; default 72). */
  readonly progressUpdateHours: number;
  /**
   * The callback is due by the close of this many working days of the tenant's calendar after the
   * resolution (default 1: the next working day); when set, it wins over `callbackDueHours`.
   */
  readonly callbackDueWorkingDays?: number;
  /** A re-review may be requested within this many working days of the answer (default 5); wins over the hours. */
  readonly reReviewRequestWorkingDays?: number;
  /** A re-review is answered within this many working days (default 6); wins over the hours. */
  readonly reReviewAnswerWorkingDays?: number;
}

/** FollowUpSettingsChanged (v1) on `followup-settings-<tenant>`: the tenant's follow-up settings as a whole. */
export interface FollowUpSettingsChangedData {
  readonly settings: FollowUpSettings;
  readonly changedBy: string;
  readonly changedAt: string;
}

/** A tenant's message template in one language: `{{variable}}` placeholders. */
export interface MessageTemplate {
  readonly subject: string;
  readonly text: string;
}

/** TemplateChanged (v1) on `followup-settings-<tenant>`: the tenant's own template of a kind and language. */
export interface TemplateChangedData {
  readonly kind: MessageKind;
  readonly language: TemplateLanguage;
  /** The built-in template is version 0; each change of the tenant's numbers one more. */
  readonly version: number;
  readonly template: MessageTemplate;
  readonly changedBy: string;
  readonly changedAt: string;
}

export type FollowUpSettingsChanged = DomainEvent<'FollowUpSettingsChanged', FollowUpSettingsChangedData>;
export type TemplateChanged = DomainEvent<'TemplateChanged', TemplateChangedData>;

/** The events of a tenant's follow-up settings stream. */
export type FollowUpSettingsEvent = FollowUpSettingsChanged | TemplateChanged;
