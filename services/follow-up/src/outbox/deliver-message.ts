import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MessageRecordedData } from '@kesu/follow-up-contracts';
import { claimable, type FollowUpState } from '@kesu/follow-up-domain';
import { type NotificationReceipt, WrongExpectedRevisionError } from '@kesu/ports';
import { ComplaintFactsReader, type ComplaintFacts } from '../complaint-facts';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../config/follow-up-config';
import { FollowUpRunner } from '../follow-up-runner';
import { Notifiers } from '../notifiers/notifiers';
import { DELIVERER } from './deliverer';

/** Deliver one message of a complaint's outbox now, if it is due and nobody else holds it. */
export class DeliverMessageCommand extends Command<FollowUpState | undefined> {
  constructor(
    readonly complaintId: string,
    readonly messageId: string,
  ) {
    super();
  }
}

type Outcome = { delivered: true; providerId?: string } | { delivered: false; error: string };

/**
 * The outbox's delivery: claims the message by appending `DeliveryAttempted` at the stream's
 * revision (a replica that loses the race appends nothing and leaves it), sends it through the
 * channel's notifier, and records the outcome — delivered, or failed with the retry's instant.
 */
@CommandHandler(DeliverMessageCommand)
export class DeliverMessageHandler implements ICommandHandler<DeliverMessageCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly facts: ComplaintFactsReader,
    private readonly notifiers: Notifiers,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
    @Inject(DELIVERER) private readonly deliverer: string,
  ) {}

  async execute({ complaintId, messageId }: DeliverMessageCommand): Promise<FollowUpState | undefined> {
    const { state } = await this.runner.state(complaintId);
    if (!claimable(state, messageId, this.runner.now())) return state;
    const facts = await this.facts.of(complaintId);
    if (!facts) return state;
    const attempt = state.messages[messageId]!.attempts + 1;
    const policy = this.config.delivery;
    let claimed;
    try {
      claimed = await this.runner.service(
        facts,
        `claim-${messageId}-${attempt}-${this.deliverer}`,
        (at) => ({ type: 'ClaimDelivery', messageId, by: this.deliverer, at, policy }),
        { maxAttempts: 1 },
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return undefined;
      throw error;
    }
    const mine = claimed.state.messages[messageId];
    if (claimed.replayed || mine?.status !== 'in_flight') return claimed.state;
    const message = await this.recorded(complaintId, messageId);
    const outcome = await this.send(facts, message, mine.attempts);
    const recorded = await this.runner.service(facts, `delivery-${messageId}-${mine.attempts}`, (at) => ({
      type: 'RecordDeliveryOutcome',
      messageId,
      attempt: mine.attempts,
      at,
      outcome,
      policy,
    }));
    return recorded.state;
  }

  private async send(facts: ComplaintFacts, message: MessageRecordedData, attempt: number): Promise<Outcome> {
    let to: string | undefined;
    try {
      to = await this.addressOf(facts, message);
      if (!to) return { delivered: false, error: `no ${message.channel} address for the recipient` };
      const receipt: NotificationReceipt = await this.notifiers.for(message.channel).send({
        messageId: message.messageId,
        channel: message.channel,
        to,
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined && { html: message.html }),
        language: message.language,
      });
      return { delivered: true, ...(receipt.providerId !== undefined && { providerId: receipt.providerId }) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // the provider's answer may quote the address: the event keeps no personal data
      return { delivered: false, error: `attempt ${attempt}: ${to ? reason.split(to).join('***') : reason}` };
    }
  }

  /** The recipient's address on the message's channel: the complainant's from intake's record. */
  private async addressOf(facts: ComplaintFacts, message: MessageRecordedData): Promise<string | undefined> {
    if (message.recipient.kind === 'staff')
      return message.channel === 'email'
        ? this.facts.staffEmail(facts.tenantId, message.recipient.userId)
        : message.recipient.userId;
    const complainant = await this.facts.complainant(facts.tenantId, facts.complaintId);
    if (!complainant) return undefined;
    if (message.channel === 'email') return complainant.email;
    if (message.channel === 'sms' || message.channel === 'phone_call') return complainant.phone;
    return complainant.name;
  }

  private async recorded(complaintId: string, messageId: string): Promise<MessageRecordedData> {
    const events = await this.runner.events(complaintId);
    const event = events.find((e) => e.type === 'MessageRecorded' && e.data.messageId === messageId);
    return event!.data as MessageRecordedData;
  }
}
