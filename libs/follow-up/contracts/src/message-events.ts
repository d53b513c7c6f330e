import type { DomainEvent } from '@kesu/kernel';

/** What a message tells its reader (every customer-facing and staff message is one of these). */
export const MESSAGE_KINDS = [
  'acknowledgement',
  'rejection',
  'progress_update',
  'resolution_notice',
  'extension_notice',
  'survey',
  'closure',
  'staff_assigned',
  'staff_escalated',
  'staff_queued',
  'staff_approval_waiting',
  'staff_sla_warning',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** How a message reaches its reader. */
export const MESSAGE_CHANNELS = ['email', 'sms', 'phone_call', 'letter', 'in_app'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** The languages templates are kept in. */
export const TEMPLATE_LANGUAGES = ['zh-CN', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/**
 * Who a message is for: the complainant (their address is read from intake's record when it is
 * delivered, never copied into an event) or a member of staff by user id.
 */
export type MessageRecipient =
  { readonly kind: 'complainant' } | { readonly kind: 'staff'; readonly userId: string };

/**
 * MessageRecorded (v1): a message to be delivered, recorded first (the outbox); the delivery worker
 * delivers it afterwards. Holds the rendered text as it was sent.
 */
export interface MessageRecordedData {
  readonly complaintId: string;
  readonly messageId: string;
  readonly kind: MessageKind;
  readonly channel: MessageChannel;
  readonly language: TemplateLanguage;
  readonly recipient: MessageRecipient;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly subject: string;
  readonly text: string;
  /** The HTML body of an e-mail (escaped variables). */
  readonly html?: string;
  /** UTC ISO instant. */
  readonly recordedAt: string;
}

/** DeliveryAttempted (v1): a replica claimed the message and is delivering it (attempt n, from 1). */
export interface DeliveryAttemptedData {
  readonly complaintId: string;
  readonly messageId: string;
  readonly attempt: number;
  readonly attemptedAt: string;
  /** The replica delivering it. */
  readonly by: string;
  /** Until when the claim holds: after it, an attempt without an outcome is taken as failed. */
  readonly claimUntil: string;
}

/** MessageDelivered (v1): the notifier accepted the message. */
export interface MessageDeliveredData {
  readonly complaintId: string;
  readonly messageId: string;
  readonly attempt: number;
  readonly deliveredAt: string;
  /** The provider's id of the delivery (SMTP Message-ID, gateway id), when given. */
  readonly providerId?: string;
}

/** DeliveryFailed (v1): an attempt failed; retried at `retryAt`, or given up when null. */
export interface DeliveryFailedData {
  readonly complaintId: string;
  readonly messageId: string;
  readonly attempt: number;
  readonly failedAt: string;
  readonly error: string;
  readonly retryAt: string | null;
}

export type MessageRecorded = DomainEvent<'MessageRecorded', MessageRecordedData>;
export type DeliveryAttempted = DomainEvent<'DeliveryAttempted', DeliveryAttemptedData>;
export type MessageDelivered = DomainEvent<'MessageDelivered', MessageDeliveredData>;
export type DeliveryFailed = DomainEvent<'DeliveryFailed', DeliveryFailedData>;

/** The outbox's events on a complaint's follow-up stream. */
export type MessageEvent = MessageRecorded | DeliveryAttempted | MessageDelivered | DeliveryFailed;
