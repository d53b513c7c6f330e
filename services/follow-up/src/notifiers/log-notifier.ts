import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NotificationChannel, NotificationReceipt, Notifier, OutgoingNotification } from '@kesu/ports';

/**
 * The embedded default: what would be sent, one JSON line per message appended to a file (and a line
 * in the log), for every channel no other notifier delivers. The address is masked in the log line.
 */
export class LogNotifier implements Notifier {
  private readonly logger = new Logger('Outbox');

  constructor(private readonly file: string) {}

  handles(_channel: NotificationChannel): boolean {
    return true;
  }

  async send(notification: OutgoingNotification): Promise<NotificationReceipt> {
    if (this.file !== '') {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify({ at: new Date().toISOString(), ...notification })}\n`);
    }
    this.logger.log(`${notification.channel} to ${mask(notification.to)}: ${notification.subject}`);
    return { providerId: `log:${notification.messageId}` };
  }
}

const mask = (address: string): string =>
  address.length <= 4 ? '***' : `${address.slice(0, 2)}***${address.slice(-2)}`;
