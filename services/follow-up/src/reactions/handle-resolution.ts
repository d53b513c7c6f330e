import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ComplaintResolved } from '@kesu/assignment-contracts';
import { reReviewRequestWindow, windowEnd } from '@kesu/follow-up-domain';
import type { Delivered } from '@kesu/platform';
import { ComplaintFactsReader } from '../complaint-facts';
import { FollowUpRunner, type FollowUpOutcome } from '../follow-up-runner';
import { MessageComposer } from '../outbox/message-composer';
import { FollowUpSettingsReader } from '../settings/follow-up-settings';
import { TenantCalendars } from '../settings/tenant-calendar';
import { SurveyLinks } from '../survey/survey-links';

/** Case work resolved a complaint: schedule the callback, issue a survey link, record the resolution notice. */
export class HandleResolutionCommand extends Command<FollowUpOutcome | undefined> {
  constructor(readonly event: Delivered<ComplaintResolved>) {
    super();
  }
}

/**
 * The reaction to `ComplaintResolved`, recorded once per event (its id is the causation): the
 * callback and its windows, a survey link, and the written answer (书面回复) in the outbox — together.
 */
@CommandHandler(HandleResolutionCommand)
export class HandleResolutionHandler implements ICommandHandler<HandleResolutionCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly facts: ComplaintFactsReader,
    private readonly settings: FollowUpSettingsReader,
    private readonly composer: MessageComposer,
    private readonly links: SurveyLinks,
    private readonly calendars: TenantCalendars,
  ) {}

  async execute({ event }: HandleResolutionCommand): Promise<FollowUpOutcome | undefined> {
    const { complaintId, resolvedAt, resolvedBy, summary } = event.data;
    const facts = await this.facts.of(complaintId);
    if (!facts) return undefined;
    const { settings } = await this.settings.of(facts.tenantId);
    const calendar = await this.calendars.of(facts.tenantId);
    const at = this.runner.now();
    const claims = { complaintId, tokenId: event.eventId };
    const expiresAt = windowEnd(at, { hours: settings.surveyLinkHours });
    const message = await this.composer.compose(
      { ...facts, handlerId: facts.handlerId ?? resolvedBy },
      'resolution_notice',
      `resolution-${event.eventId}`,
      {
        summary,
        reReviewRequestBy: windowEnd(resolvedAt, reReviewRequestWindow(settings), calendar),
        surveyUrl: this.links.url(claims),
      },
      at,
    );
    return this.runner.service(facts, event.eventId, (now) => ({
      type: 'AllOf',
      commands: [
        {
          type: 'ScheduleCallback',
          resolution: { resolvedAt, resolvedBy, summary },
          settings,
          calendar,
          at: now,
        },
        { type: 'IssueSurveyLink', tokenId: claims.tokenId, at: now, expiresAt },
        { type: 'RecordMessage', message },
      ],
    }));
  }
}
