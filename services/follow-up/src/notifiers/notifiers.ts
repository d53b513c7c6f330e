import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NotificationChannel, Notifier } from '@kesu/ports';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../config/follow-up-config';
import { LogNotifier } from './log-notifier';
import { SmtpNotifier } from './smtp-notifier';
import { WebhookSmsNotifier } from './webhook-notifier';

/** The configured notifiers: SMTP for e-mail and the webhook for SMS when set, the log for the rest. */
@Injectable()
export class Notifiers implements OnApplicationShutdown {
  private readonly smtp?: SmtpNotifier;
  private readonly chain: readonly Notifier[];

  constructor(@Inject(FOLLOW_UP_CONFIG) config: FollowUpConfig) {
    this.smtp = config.smtpUrl ? new SmtpNotifier(config.smtpUrl, config.mailFrom) : undefined;
    const sms = config.smsWebhookUrl
      ? new WebhookSmsNotifier(config.smsWebhookUrl, config.smsWebhookToken)
      : undefined;
    this.chain = [
      ...(this.smtp ? [this.smtp] : []),
      ...(sms ? [sms] : []),
      new LogNotifier(config.outboxFile),
    ];
  }

  /** The notifier that delivers on the channel. */
  for(channel: NotificationChannel): Notifier {
    return this.chain.find((n) => n.handles(channel))!;
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }
}
