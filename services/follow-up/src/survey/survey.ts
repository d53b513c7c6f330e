import { randomUUID } from 'node:crypto';
import {
  Command,
  CommandHandler,
  type ICommandHandler,
  IQueryHandler,
  Query,
  QueryHandler,
} from '@nestjs/cqrs';
import { NotFoundError } from '@kesu/kernel';
import { type ComplaintFacts, ComplaintFactsReader } from '../complaint-facts';
import { FollowUpRunner, type FollowUpResult } from '../follow-up-runner';
import type { CustomerAnswerDto } from '../lifecycle/follow-up.dto';
import { type SurveyClaims, SurveyLinks } from './survey-links';

/** What the survey page shows the customer: no personal data, only the reference and the link's state. */
export interface SurveyView {
  readonly reference: string;
  readonly language: string;
  readonly expiresAt: string;
  readonly answered: boolean;
  readonly question: string;
}

const QUESTION = {
  'zh-CN': '您对本次投诉的处理是否满意？',
  en: 'Are you satisfied with how we handled your complaint?',
};

/** The claims and complaint of a well-signed link (404 for anything else, the same answer every time). */
async function opened(links: SurveyLinks, facts: ComplaintFactsReader, token: string) {
  const claims = links.verify(token);
  const complaint = claims && (await facts.of(claims.complaintId));
  if (!claims || !complaint) throw new NotFoundError('survey.not_found', 'no such survey');
  return { claims, complaint } as { claims: SurveyClaims; complaint: ComplaintFacts };
}

export class GetSurveyQuery extends Query<SurveyView> {
  constructor(readonly token: string) {
    super();
  }
}

@QueryHandler(GetSurveyQuery)
export class GetSurveyHandler implements IQueryHandler<GetSurveyQuery> {
  constructor(
    private readonly links: SurveyLinks,
    private readonly facts: ComplaintFactsReader,
    private readonly runner: FollowUpRunner,
  ) {}

  async execute({ token }: GetSurveyQuery): Promise<SurveyView> {
    const { claims, complaint } = await opened(this.links, this.facts, token);
    const { state } = await this.runner.state(claims.complaintId);
    const link = state.surveyLinks[claims.tokenId];
    if (!link) throw new NotFoundError('survey.not_found', 'no such survey');
    return {
      reference: complaint.reference,
      language: complaint.language,
      expiresAt: link.expiresAt,
      answered: link.answered,
      question: QUESTION[complaint.language],
    };
  }
}

/** The customer answers the survey through its link, without a login; a link answers once. */
export class AnswerSurveyCommand extends Command<FollowUpResult> {
  constructor(
    readonly token: string,
    readonly body: CustomerAnswerDto,
  ) {
    super();
  }
}

@CommandHandler(AnswerSurveyCommand)
export class AnswerSurveyHandler implements ICommandHandler<AnswerSurveyCommand> {
  constructor(
    private readonly links: SurveyLinks,
    private readonly facts: ComplaintFactsReader,
    private readonly runner: FollowUpRunner,
  ) {}

  async execute({ token, body }: AnswerSurveyCommand): Promise<FollowUpResult> {
    const { claims, complaint } = await opened(this.links, this.facts, token);
    // every request is its own cause: a second use is refused by the decider, not replayed
    const { result } = await this.runner.service(
      complaint,
      `survey-${claims.tokenId}-${randomUUID()}`,
      (at) => ({
        type: 'AnswerSurvey',
        tokenId: claims.tokenId,
        at,
        answer: { ...body },
        finalCategory: complaint.category,
      }),
      { actor: 'customer' },
    );
    return result;
  }
}
