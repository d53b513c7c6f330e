import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { FollowUpState } from '@kesu/follow-up-domain';
import { ComplaintFactsReader } from '../complaint-facts';
import { FollowUpRunner } from '../follow-up-runner';

/** The objection window's timer: close a resolved complaint nobody objected to. */
export class CloseWithoutObjectionCommand extends Command<FollowUpState | undefined> {
  constructor(readonly complaintId: string) {
    super();
  }
}

@CommandHandler(CloseWithoutObjectionCommand)
export class CloseWithoutObjectionHandler implements ICommandHandler<CloseWithoutObjectionCommand> {
  constructor(
    private readonly runner: FollowUpRunner,
    private readonly facts: ComplaintFactsReader,
  ) {}

  async execute({ complaintId }: CloseWithoutObjectionCommand): Promise<FollowUpState | undefined> {
    const facts = await this.facts.of(complaintId);
    if (!facts) return undefined;
    const { state } = await this.runner.state(complaintId);
    const window = state.resolution?.closesWithoutObjectionAt ?? 'none';
    const { state: after } = await this.runner.service(
      facts,
      `no-objection-${complaintId}-${window}`,
      (at) => ({
        type: 'CloseWithoutObjection',
        at,
        finalCategory: facts.category,
      }),
    );
    return after;
  }
}
