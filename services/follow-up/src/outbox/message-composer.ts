import { Injectable } from '@nestjs/common';
import type {
  MessageChannel,
  MessageKind,
  MessageRecipient,
  MessageRecordedData,
} from '@kesu/follow-up-contracts';
import { renderTemplate, type TemplateValues } from '@kesu/follow-up-domain';
import { type ComplaintFacts, ComplaintFactsReader } from '../complaint-facts';
import { FollowUpSettingsReader } from '../settings/follow-up-settings';

/**
 * Renders a message of a kind from the tenant's template in the complaint's language, and picks the
 * channel the complainant can be reached on (e-mail, else SMS, else a letter). The complainant's
 * address is not copied into the message: the delivery reads it from intake's record.
 */
@Injectable()
export class MessageComposer {
  constructor(
    private readonly facts: ComplaintFactsReader,
    private readonly settings: FollowUpSettingsReader,
  ) {}

  async compose(
    facts: ComplaintFacts,
    kind: MessageKind,
    messageId: string,
    values: TemplateValues,
    at: string,
    recipient: MessageRecipient = { kind: 'complainant' },
  ): Promise<MessageRecordedData> {
    const tenant = await this.settings.of(facts.tenantId);
    const { version, template } = this.settings.templateOf(tenant, kind, facts.language);
    const handlerName = this.facts.staffName(facts.tenantId, facts.handlerId, facts.language);
    const rendered = renderTemplate(template, {
      reference: facts.reference,
      respondBy: facts.respondBy,
      handlerName,
      ...values,
    });
    return {
      complaintId: facts.complaintId,
      messageId,
      kind,
      channel: await this.channelOf(facts, recipient),
      language: facts.language,
      recipient,
      templateId: kind,
      templateVersion: version,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      recordedAt: at,
    };
  }

  private async channelOf(facts: ComplaintFacts, recipient: MessageRecipient): Promise<MessageChannel> {
    if (recipient.kind === 'staff') return 'in_app';
    const complainant = await this.facts.complainant(facts.tenantId, facts.complaintId);
    if (complainant?.email) return 'email';
    if (complainant?.phone) return 'sms';
    return 'letter';
  }
}
