import type { NotificationChannel, NotificationReceipt, Notifier, OutgoingNotification } from '@kesu/ports';

/**
 * SMS through a gateway's webhook: `POST {url}` with `{ messageId, to, text, language }` as JSON
 * (and `Idempotency-Key: <messageId>`); any 2xx accepts it, its JSON `id` is the provider's id.
 */
export class WebhookSmsNotifier implements Notifier {
  constructor(
    private readonly url: string,
    private readonly token?: string,
    private readonly timeoutMs = 10_000,
  ) {}

  handles(channel: NotificationChannel): boolean {
    return channel === 'sms';
  }

  async send(notification: OutgoingNotification): Promise<NotificationReceipt> {
    const { messageId, to, text, language } = notification;
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': messageId,
        ...(this.token !== undefined && { authorization: `Bearer ${this.token}` }),
      },
      body: JSON.stringify({ messageId, to, text, language }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    const body = (await response.json().catch(() => ({}))) as { id?: unknown };
    return typeof body.id === 'string' ? { providerId: body.id } : {};
  }
}
