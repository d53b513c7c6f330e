import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppealDecidedData, ComplaintRejectedData } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import type { SlaDeadlinesSetData } from '@kesu/sla-contracts';
import type { FollowUpOutcome } from '../follow-up-runner';
import { type Notice, NoticeRecorder } from './notice-recorder';

/** What a customer is told about an event of another service (or of follow-up itself). */
export type CustomerNotice = Omit<Notice, 'language'>;

/** The milestones whose extension the customer is told of: when they hear from us, when it is settled. */
const CUSTOMER_MILESTONES: readonly string[] = ['respond', 'resolve', 're_review_answer'];

/**
 * The notice an event calls for, or undefined: intake's acceptance (an appeal overturned counts as
 * one) and rejection with its reasons, the SLA service's extended deadlines, follow-up's closure.
 */
export function customerNoticeOf(event: RecordedEvent): CustomerNotice | undefined {
  switch (event.type) {
    case 'ComplaintAccepted':
      return { kind: 'acknowledgement', values: {} };
    case 'AppealDecided':
      return (event.data as AppealDecidedData).outcome === 'overturned'
        ? { kind: 'acknowledgement', values: {} }
        : undefined;
    case 'ComplaintRejected':
      return { kind: 'rejection', values: { reasons: (event.data as ComplaintRejectedData).explanation } };
    case 'SlaDeadlinesSet': {
      const data = event.data as SlaDeadlinesSetData;
      if (data.reason !== 'extended') return undefined;
      const extended = data.deadlines
        .filter((d) => CUSTOMER_MILESTONES.includes(d.milestone))
        .sort((a, b) => b.dueAt.localeCompare(a.dueAt))[0];
      return (
        extended && {
          kind: 'extension_notice',
          values: { dueAt: extended.dueAt, milestone: extended.milestone },
        }
      );
    }
    case 'ComplaintClosed':
      return { kind: 'closure', values: {} };
    default:
      return undefined;
  }
}

/** Tell the complainant about an event: a message in the outbox, once per event. */
export class RecordCustomerNoticeCommand extends Command<FollowUpOutcome | undefined> {
  constructor(readonly event: RecordedEvent) {
    super();
  }
}

/**
 * Records the message an event calls for on the complaint's follow-up stream, in the complaint's
 * language and from the tenant's template, once per event (`NoticeRecorder`).
 */
@CommandHandler(RecordCustomerNoticeCommand)
export class RecordCustomerNoticeHandler implements ICommandHandler<RecordCustomerNoticeCommand> {
  constructor(private readonly notices: NoticeRecorder) {}

  execute({ event }: RecordCustomerNoticeCommand): Promise<FollowUpOutcome | undefined> {
    return this.notices.record(event, customerNoticeOf(event));
  }
}
