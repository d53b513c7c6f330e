import { Injectable } from '@nestjs/common';
import type { MessageKind, MessageRecipient, TemplateLanguage } from '@kesu/follow-up-contracts';
import type { TemplateValues } from '@kesu/follow-up-domain';
import type { RecordedEvent } from '@kesu/kernel';
import { type ComplaintFacts, ComplaintFactsReader } from '../complaint-facts';
import { FollowUpRunner, type FollowUpOutcome } from '../follow-up-runner';
import { MessageComposer } from '../outbox/message-composer';

/** A message an event calls for: its kind, the values of its template, and its language when not the complaint's. */
export interface Notice {
  readonly kind: MessageKind;
  readonly values: TemplateValues;
  readonly language?: TemplateLanguage;
}

/**
 * Records the messages other services' events call for, customers' and staff's alike: on the
 * complaint's follow-up stream, from the tenant's template, with the id `<kind>-<event id>` and the
 * event's id as causation, so that a repeated delivery of the event records nothing new.
 */
@Injectable()
export class NoticeRecorder {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly facts: ComplaintFactsReader,
    private readonly composer: MessageComposer,
  ) {}

  /**
   * Records the notice of the event's complaint for the recipient `to` names from the complaint's
   * facts (the complainant by default); nothing for an event of no complaint, or no recipient.
   */
  async record(
    event: RecordedEvent,
    notice: Notice | undefined,
    to: (facts: ComplaintFacts) => MessageRecipient | undefined = () => ({ kind: 'complainant' }),
  ): Promise<FollowUpOutcome | undefined> {
    const complaintId = (event.data as { complaintId?: string }).complaintId;
    if (!notice || complaintId === undefined) return undefined;
    const facts = await this.facts.of(complaintId);
    if (!facts) return undefined;
    const recipient = to(facts);
    if (!recipient) return undefined;
    const message = await this.composer.compose(
      facts,
      notice.kind,
      `${notice.kind}-${event.eventId}`,
      notice.values,
      this.runner.now(),
      recipient,
      notice.language ?? facts.language,
    );
    return this.runner.service(facts, `notice-${event.eventId}`, () => ({ type: 'RecordMessage', message }));
  }
}
