import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chooseReviewer } from '@kesu/follow-up-domain';
import { UnprocessableError } from '@kesu/kernel';
import { type Caller, OrgDirectory, principalOfUser } from '@kesu/platform';
import { FollowUpRunner, type FollowUpOutcome } from '../follow-up-runner';
import { FollowUpSettingsReader } from '../settings/follow-up-settings';
import { TenantCalendars } from '../settings/tenant-calendar';
import { FollowUpContext } from './follow-up-context';
import type { RequestReReviewDto } from './follow-up.dto';

/** Record the customer's re-review request (复查申请); it goes to a more senior reviewer than the handler. */
export class RequestReReviewCommand extends Command<FollowUpOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: RequestReReviewDto,
  ) {
    super();
  }
}

/**
 * The reviewer is the least senior person above the original handler (dispatch's assignee, else
 * whoever resolved it) whose scope covers the complaint's branch, never the handler; 422 when the
 * directory has nobody.
 */
@CommandHandler(RequestReReviewCommand)
export class RequestReReviewHandler implements ICommandHandler<RequestReReviewCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly context: FollowUpContext,
    private readonly settings: FollowUpSettingsReader,
    private readonly directory: OrgDirectory,
    private readonly calendars: TenantCalendars,
  ) {}

  execute({ caller, complaintId, body }: RequestReReviewCommand): Promise<FollowUpOutcome> {
    return this.runner.person(caller, complaintId, 'RequestReReview', body, async (at) => {
      const facts = await this.context.of(complaintId);
      const { state } = await this.runner.state(complaintId);
      const handlerId = facts.handlerId ?? state.resolution?.resolvedBy ?? '';
      const handler = this.directory.user(facts.tenantId, handlerId);
      const candidates = (this.directory.tenant(facts.tenantId)?.users ?? []).filter((u) =>
        this.directory.covers(principalOfUser(u), facts.branchId),
      );
      const reviewer = chooseReviewer(
        { userId: handlerId, roles: handler?.roles ?? ['handler'] },
        candidates.map((u) => ({ userId: u.id, roles: u.roles })),
      );
      if (!reviewer)
        throw new UnprocessableError(
          're_review.no_reviewer',
          'nobody above the handler can review this complaint',
        );
      return {
        type: 'RequestReReview',
        recordedBy: caller.principal.userId,
        at,
        reviewerId: reviewer.userId,
        reason: body.reason,
        settings: (await this.settings.of(facts.tenantId)).settings,
        calendar: await this.calendars.of(facts.tenantId),
      };
    });
  }
}
