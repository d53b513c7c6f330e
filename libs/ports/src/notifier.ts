/** The channels a notifier may deliver on. */
export type NotificationChannel = 'email' | 'sms' | 'phone_call' | 'letter' | 'in_app';

/** One message to deliver, addressed. */
export interface OutgoingNotification {
  /** The message's id: a delivery repeated after a crash carries the same one (e.g. SMTP Message-ID). */
  readonly messageId: string;
  readonly channel: NotificationChannel;
  /** The address on the channel: an e-mail address, a phone number, a user id. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly language: string;
}

/** What a notifier answers for an accepted message. */
export interface NotificationReceipt {
  /** The provider's id of the delivery, when it gives one. */
  readonly providerId?: string;
}

/**
 * Delivers messages to people (e-mail, SMS gateway, a log). Resolves once the provider accepted the
 * message; rejects with the provider's error otherwise (the outbox retries).
 */
export interface Notifier {
  /** Whether this notifier delivers on the channel. */
  handles(channel: NotificationChannel): boolean;
  send(notification: OutgoingNotification): Promise<NotificationReceipt>;
}
