import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationChannel, NotificationReceipt, Notifier, OutgoingNotification } from '@kesu/ports';

/**
 * E-mail through an SMTP server (nodemailer). The Message-ID derives from the message id, so a
 * delivery repeated after a crash is the same message to the receiving side.
 */
export class SmtpNotifier implements Notifier {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    url.searchParams.set('connectionTimeout', '10000');
    url.searchParams.set('greetingTimeout', '10000');
    url.searchParams.set('socketTimeout', '30000');
    this.transport = createTransport(url.toString());
  }

  handles(channel: NotificationChannel): boolean {
    return channel === 'email';
  }

  async send(notification: OutgoingNotification): Promise<NotificationReceipt> {
    const messageId = `<${notification.messageId}@kesu>`;
    await this.transport.sendMail({
      from: this.from,
      to: notification.to,
      subject: notification.subject,
      text: notification.text,
      ...(notification.html !== undefined && { html: notification.html }),
      messageId,
      headers: { 'Content-Language': notification.language },
    });
    return { providerId: messageId };
  }

  close(): void {
    this.transport.close();
  }
}
