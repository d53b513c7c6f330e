import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type {
  ComplaintAssignedData,
  DepartmentHeadAlertedData,
  EscalationNotificationRequestedData,
  ProposalSubmittedData,
} from '@kesu/assignment-contracts';
import type { MessageKind, TemplateLanguage } from '@kesu/follow-up-contracts';
import type { TemplateValues } from '@kesu/follow-up-domain';
import type { RecordedEvent } from '@kesu/kernel';
import type { SlaWarningRaisedData } from '@kesu/sla-contracts';
import { ComplaintFactsReader } from '../complaint-facts';
import { FollowUpRunner, type FollowUpOutcome } from '../follow-up-runner';
import { MessageComposer } from '../outbox/message-composer';

/**
 * What a member of staff is told about an event: `recipient` is a person's id, or `handler` for
 * whoever the complaint is assigned to when the notice is recorded.
 */
export interface StaffNotice {
  readonly kind: MessageKind;
  readonly recipient: string | 'handler';
  readonly values: TemplateValues;
  readonly language?: TemplateLanguage;
}

const languageOf = (language: string): TemplateLanguage => (language === 'en' ? 'en' : 'zh-CN');

/**
 * The staff notice an event calls for, or undefined: dispatch's assignment (to the assignee) and
 * queued complaint (to the department's head), escalation's notification request, a proposal
 * waiting for its approver, the SLA service's warning (to the handler). The values name the
 * complaint by its reference only: nothing of the complainant goes to staff this way.
 */
export function staffNoticeOf(event: RecordedEvent): StaffNotice | undefined {
  switch (event.type) {
    case 'ComplaintAssigned': {
      const data = event.data as ComplaintAssignedData;
      return {
        kind: 'staff_assigned',
        recipient: data.assigneeId,
        values: {},
        language: languageOf(data.complaint.language),
      };
    }
    case 'DepartmentHeadAlerted': {
      const data = event.data as DepartmentHeadAlertedData;
      return data.headId === null
        ? undefined
        : { kind: 'staff_queued', recipient: data.headId, values: { reasons: data.why } };
    }
    case 'EscalationNotificationRequested': {
      const data = event.data as EscalationNotificationRequestedData;
      if (data.about !== 'escalated') return undefined;
      return {
        kind: 'staff_escalated',
        recipient: data.recipientId,
        values: data.respondBy === null ? {} : { dueAt: data.respondBy },
        language: languageOf(data.language),
      };
    }
    case 'ProposalSubmitted': {
      const { approval } = event.data as ProposalSubmittedData;
      return approval.required && approval.approverId !== null
        ? { kind: 'staff_approval_waiting', recipient: approval.approverId, values: {} }
        : undefined;
    }
    case 'SlaWarningRaised': {
      const data = event.data as SlaWarningRaisedData;
      return {
        kind: 'staff_sla_warning',
        recipient: 'handler',
        values: { milestone: data.milestone, dueAt: data.dueAt },
      };
    }
    default:
      return undefined;
  }
}

/** Tell a member of staff about an event: a message in the complaint's outbox, once per event. */
export class RecordStaffNoticeCommand extends Command<FollowUpOutcome | undefined> {
  constructor(readonly event: RecordedEvent) {
    super();
  }
}

/**
 * Records the staff notice an event calls for on the complaint's follow-up stream (`staff_<…>-<event
 * id>`, the event's id as causation: a repeated delivery records nothing new). A notice for the
 * handler of a complaint nobody holds is not recorded.
 */
@CommandHandler(RecordStaffNoticeCommand)
export class RecordStaffNoticeHandler implements ICommandHandler<RecordStaffNoticeCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly facts: ComplaintFactsReader,
    private readonly composer: MessageComposer,
  ) {}

  async execute({ event }: RecordStaffNoticeCommand): Promise<FollowUpOutcome | undefined> {
    const notice = staffNoticeOf(event);
    const complaintId = (event.data as { complaintId?: string }).complaintId;
    if (!notice || complaintId === undefined) return undefined;
    const facts = await this.facts.of(complaintId);
    if (!facts) return undefined;
    const userId = notice.recipient === 'handler' ? facts.handlerId : notice.recipient;
    if (userId === undefined) return undefined;
    const message = await this.composer.compose(
      facts,
      notice.kind,
      `${notice.kind}-${event.eventId}`,
      notice.values,
      this.runner.now(),
      { kind: 'staff', userId },
      notice.language ?? 'zh-CN',
    );
    return this.runner.service(facts, `notice-${event.eventId}`, () => ({ type: 'RecordMessage', message }));
  }
}
