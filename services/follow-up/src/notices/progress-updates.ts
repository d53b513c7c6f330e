import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type FollowUpState, progressUpdateDueAt } from '@kesu/follow-up-domain';
import { ComplaintFactsReader } from '../complaint-facts';
import { FollowUpRunner } from '../follow-up-runner';
import { MessageComposer } from '../outbox/message-composer';
import { FollowUpSettingsReader } from '../settings/follow-up-settings';

/** The progress timer of a complaint: send an update if one is due, and say when the next is. */
export class SendProgressUpdateCommand extends Command<ProgressOutcome> {
  constructor(readonly complaintId: string) {
    super();
  }
}

/** The complaint's follow-up after the timer fired, and when the next update is due (none: stop). */
export interface ProgressOutcome {
  readonly state?: FollowUpState;
  readonly nextDueAt?: string;
}

const STATUS = {
  open: { 'zh-CN': '处理中', en: 'in progress' },
  reopened: { 'zh-CN': '重新处理中', en: 'being handled again' },
} as const;

/**
 * Sends a progress update (让顾客了解进度) when the tenant's `progressUpdateHours` passed since the
 * last message to the complainant, while the complaint is open: the message's id is its due
 * instant, so replicas firing together record one.
 */
@CommandHandler(SendProgressUpdateCommand)
export class SendProgressUpdateHandler implements ICommandHandler<SendProgressUpdateCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly facts: ComplaintFactsReader,
    private readonly settings: FollowUpSettingsReader,
    private readonly composer: MessageComposer,
  ) {}

  async execute({ complaintId }: SendProgressUpdateCommand): Promise<ProgressOutcome> {
    const facts = await this.facts.of(complaintId);
    if (!facts || facts.endedAtIntake) return {};
    const { settings } = await this.settings.of(facts.tenantId);
    const intervalHours = settings.progressUpdateHours;
    const { state } = await this.runner.state(complaintId);
    const due = progressUpdateDueAt(state, intervalHours);
    const now = this.runner.now();
    if (due === undefined || due > now) return { state, ...(due !== undefined && { nextDueAt: due }) };
    const stage = state.stage === 'reopened' ? 'reopened' : 'open';
    const message = await this.composer.compose(
      facts,
      'progress_update',
      `progress-${due}`,
      { status: STATUS[stage][facts.language] },
      now,
    );
    const after = await this.runner.service(facts, `progress-${complaintId}-${due}`, (at) => ({
      type: 'RecordProgressUpdate',
      message: { ...message, recordedAt: at },
      intervalHours,
      at,
    }));
    const next = progressUpdateDueAt(after.state, intervalHours);
    return { state: after.state, ...(next !== undefined && { nextDueAt: next }) };
  }
}
