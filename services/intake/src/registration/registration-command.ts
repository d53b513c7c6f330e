import type { IntakePolicy, Language, SealedComplainant } from '@kesu/intake-contracts';
import { personalMentionsOf, type RegisterComplaint, type SameMatter } from '@kesu/intake-domain';
import { recordedChannelDetails } from './channel-details.dto';
import type { RegisterComplaintDto } from './register-complaint.dto';

/** What registration established before deciding: the complaint's number, sealed complainant, policy and same matter. */
export interface RegistrationFacts {
  readonly complaintId: string;
  readonly reference: string;
  readonly complainant: SealedComplainant;
  readonly receivedAt: Date;
  /** The tenant's policy in force: its scope list and acknowledgement target go into the command. */
  readonly policy: IntakePolicy;
  readonly sameMatter?: SameMatter;
}

/** The subject as recorded: its type, and its name when given. */
export const subjectOf = ({ subject }: RegisterComplaintDto): RegisterComplaint['subject'] => ({
  type: subject.type,
  ...defined({ name: subject.name }),
});

/** The intake decider's command for a registration body and what registration established. */
export function registerComplaintCommand(
  body: RegisterComplaintDto,
  facts: RegistrationFacts,
): RegisterComplaint {
  const { policy } = facts;
  return {
    type: 'RegisterComplaint',
    complaintId: facts.complaintId,
    reference: facts.reference,
    channel: body.channel,
    branchId: body.branchId,
    complainant: facts.complainant,
    subject: subjectOf(body),
    description: body.description,
    receivedAt: facts.receivedAt.toISOString(),
    language: body.language ?? detectLanguage(body.description),
    acknowledgeWithinHours: policy.acknowledgeWithinHours,
    scope: policy.scope,
    personalMentions: personalMentionsOf(policy),
    ...defined({
      channelDetails: recordedChannelDetails(body.channelDetails),
      occurredAt: body.occurredAt,
      location: body.location,
      expectedRemedy: body.expectedRemedy,
      emotion: body.emotion,
      complainantCount: body.complainantCount,
      resolvedOnTheSpot: body.resolvedOnTheSpot && { remedy: body.resolvedOnTheSpot.remedy },
      sameMatter: facts.sameMatter,
    }),
  };
}

/** The fields whose value is not undefined (events store no `undefined`). */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Chinese when the text has Han characters, English otherwise. */
export function detectLanguage(text: string): Language {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
