import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type {
  ComplaintAssignedData,
  DepartmentHeadAlertedData,
  EscalationNotificationRequestedData,
  ProposalSubmittedData,
} from '@kesu/assignment-contracts';
import type { TemplateLanguage } from '@kesu/follow-up-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import type { SlaWarningRaisedData } from '@kesu/sla-contracts';
import type { FollowUpOutcome } from '../follow-up-runner';
import { type Notice, NoticeRecorder } from './notice-recorder';

/**
 * What a member of staff is told about an event: `recipient` is a person's id, or `handler` for
 * whoever the complaint is assigned to when the notice is recorded.
 */
export interface StaffNotice extends Notice {
  readonly recipient: string | 'handler';
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
 * Records the staff notice an event calls for on the complaint's follow-up stream, once per event
 * (`NoticeRecorder`), in Chinese unless the event names the language. A notice for the handler of a
 * complaint nobody holds is not recorded.
 */
@CommandHandler(RecordStaffNoticeCommand)
export class RecordStaffNoticeHandler implements ICommandHandler<RecordStaffNoticeCommand> {
  constructor(private readonly notices: NoticeRecorder) {}

  execute({ event }: RecordStaffNoticeCommand): Promise<FollowUpOutcome | undefined> {
    const notice = staffNoticeOf(event);
    if (!notice) return Promise.resolve(undefined);
    return this.notices.record(event, { ...notice, language: notice.language ?? 'zh-CN' }, (facts) => {
      const userId = notice.recipient === 'handler' ? facts.handlerId : notice.recipient;
      return userId === undefined ? undefined : { kind: 'staff', userId };
    });
  }
}
