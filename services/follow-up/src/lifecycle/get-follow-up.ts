import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { MessageRecordedData } from '@kesu/follow-up-contracts';
import type { FollowUpState } from '@kesu/follow-up-domain';
import { NotFoundError } from '@kesu/kernel';
import { OrgDirectory, type Principal } from '@kesu/platform';
import { ComplaintFactsReader } from '../complaint-facts';
import { FollowUpRunner } from '../follow-up-runner';

/** A message of the complaint's outbox as staff see it: what was sent, and how its delivery stands. */
export interface MessageView {
  readonly messageId: string;
  readonly kind: string;
  readonly channel: string;
  readonly language: string;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly subject: string;
  readonly text: string;
  readonly recordedAt: string;
  readonly delivery: { readonly status: string; readonly attempts: number; readonly lastError?: string };
}

/** A complaint's follow-up: callback, satisfaction, reopens, re-review, closure and messages. */
export interface FollowUpView {
  readonly complaintId: string;
  readonly status: FollowUpState['stage'];
  readonly revision: number;
  readonly resolution: FollowUpState['resolution'] | null;
  readonly callback: { readonly attempts: number } | null;
  readonly satisfaction: string | null;
  readonly reopenCount: number;
  readonly reReview: FollowUpState['reReview'] | null;
  readonly closure: FollowUpState['closure'] | null;
  readonly messages: readonly MessageView[];
}

export class GetFollowUpQuery extends Query<FollowUpView> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
  ) {
    super();
  }
}

/** Reads a complaint's follow-up from its stream; 404 outside the caller's tenant and branch scope. */
@QueryHandler(GetFollowUpQuery)
export class GetFollowUpHandler implements IQueryHandler<GetFollowUpQuery> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly facts: ComplaintFactsReader,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ principal, complaintId }: GetFollowUpQuery): Promise<FollowUpView> {
    const facts = await this.facts.of(complaintId);
    if (!this.directory.reaches(principal, facts))
      throw new NotFoundError('complaint.not_found', `complaint ${complaintId} not found`);
    const events = await this.runner.events(complaintId);
    const { state, revision } = await this.runner.state(complaintId);
    const recorded = events.flatMap((e) => (e.type === 'MessageRecorded' ? [e.data] : []));
    return {
      complaintId,
      status: state.stage,
      revision,
      resolution: state.resolution ?? null,
      callback: state.resolution ? { attempts: state.callbackAttempts } : null,
      satisfaction: state.satisfaction ?? null,
      reopenCount: state.reopenCount,
      reReview: state.reReview ?? null,
      closure: state.closure ?? null,
      messages: recorded.map((m) => viewOf(m, state)),
    };
  }
}

function viewOf(message: MessageRecordedData, state: FollowUpState): MessageView {
  const outbox = state.messages[message.messageId];
  return {
    messageId: message.messageId,
    kind: message.kind,
    channel: message.channel,
    language: message.language,
    templateId: message.templateId,
    templateVersion: message.templateVersion,
    subject: message.subject,
    text: message.text,
    recordedAt: message.recordedAt,
    delivery: {
      status: outbox?.status ?? 'pending',
      attempts: outbox?.attempts ?? 0,
      ...(outbox?.lastError !== undefined && { lastError: outbox.lastError }),
    },
  };
}
