import { Injectable } from '@nestjs/common';
import type {
  MessageChannel,
  MessageKind,
  MessageRecipient,
  MessageRecordedData,
  TemplateLanguage,
} from '@kesu/follow-up-contracts';
import { renderTemplate, type TemplateValues } from '@kesu/follow-up-domain';
import { type ComplaintFacts, ComplaintFactsReader } from '../complaint-facts';
import { FollowUpSettingsReader } from '../settings/follow-up-settings';

/**
 * Renders a message of a kind from the tenant's template in the complaint's language (a member of
 * staff's in theirs), and picks the channel the recipient can be reached on: the complainant's
 * e-mail, else SMS, else a letter; staff's e-mail from the directory, else in the application.
 * No address is copied into the message: the delivery reads it from intake's record or the directory.
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
    language: TemplateLanguage = facts.language,
  ): Promise<MessageRecordedData> {
    const tenant = await this.settings.of(facts.tenantId);
    const { version, template } = this.settings.templateOf(tenant, kind, language);
    const handlerName = this.facts.staffName(facts.tenantId, facts.handlerId, language);
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
      language,
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
    if (recipient.kind === 'staff')
      return this.facts.staffEmail(facts.tenantId, recipient.userId) ? 'email' : 'in_app';
    const complainant = await this.facts.complainant(facts.tenantId, facts.complaintId);
    if (complainant?.email) return 'email';
    if (complainant?.phone) return 'sms';
    return 'letter';
  }
}
