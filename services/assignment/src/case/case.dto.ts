import {
  CASE_WAITING_REASONS,
  type CaseWaitingReason,
  CONTACT_CHANNELS,
  type ContactChannel,
  CUSTOMER_RESPONSES,
  type CustomerResponse,
  EVIDENCE_REFERENCE_TYPES,
  type EvidenceReferenceType,
  REFERRAL_TARGETS,
  type ReferralTarget,
  REMEDY_TYPES,
  type RemedyType,
  RESPONSIBILITIES,
  type Responsibility,
} from '@kesu/assignment-contracts';
import { PROPOSAL_DECISIONS, type ProposalDecision } from '@kesu/assignment-domain';
import { IsText } from '@kesu/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  IsObject,
  ValidateNested,
} from 'class-validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

/** `POST …/investigation`: the plan, and when it should be done. */
export class PlanInvestigationDto {
  @IsText(1, 5000)
  plan!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  dueBy?: string;
}

/** `POST …/notes`. */
export class AddCaseNoteDto {
  @IsText(1, 5000)
  text!: string;
}

/** `POST …/evidence`: a reference (transaction id, service log, CCTV clip, interview). */
export class AddEvidenceReferenceDto {
  @IsIn(EVIDENCE_REFERENCE_TYPES)
  referenceType!: EvidenceReferenceType;

  @IsText(1, 500)
  reference!: string;

  @IsOptional()
  @IsText(1, 2000)
  description?: string;
}

/** `POST …/contacts`: how the handler reached (or tried to reach) the customer. */
export class RecordContactDto {
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @IsBoolean()
  reached!: boolean;

  @IsOptional()
  @IsText(1, 2000)
  note?: string;
}

/** `POST …/waiting`: what the case waits on. */
export class StartWaitingDto {
  @IsIn(CASE_WAITING_REASONS)
  reason!: CaseWaitingReason;

  @IsOptional()
  @IsText(1, 2000)
  note?: string;
}

/** `POST …/waiting/end`. */
export class EndWaitingDto {
  @IsOptional()
  @IsText(1, 2000)
  note?: string;
}

/** `POST …/findings`: facts, the root cause from the tenant's list, responsibility, the staff involved. */
export class RecordFindingDto {
  @IsText(1, 5000)
  facts!: string;

  @IsString()
  @Matches(CODE, { message: 'rootCause must be a root cause code' })
  rootCause!: string;

  @IsIn(RESPONSIBILITIES)
  responsibility!: Responsibility;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(CODE, { each: true, message: 'staffInvolved must be person ids' })
  staffInvolved!: string[];
}

/** A remedy as proposed. */
export class ProposedRemedyDto {
  @IsIn(REMEDY_TYPES)
  type!: RemedyType;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1_000_000_000)
  amount?: number;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;

  @IsOptional()
  @IsText(1, 2000)
  description?: string;
}

/** `POST …/resolution-proposals` (and `…/revisions`): the remedies and why. */
export class SubmitProposalDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ProposedRemedyDto)
  remedies!: ProposedRemedyDto[];

  @IsText(1, 5000)
  rationale!: string;
}

/** `POST …/approvals`: approve, forward up the chain or reject the proposal awaiting approval. */
export class DecideProposalDto {
  @IsIn(PROPOSAL_DECISIONS)
  decision!: ProposalDecision;

  @IsOptional()
  @IsText(1, 2000)
  comment?: string;
}

/** `POST …/negotiation/offers`: put the approved proposal to the customer. */
export class MakeOfferDto {}

/** `POST …/negotiation/responses`: how the customer answered the round's offer. */
export class RecordCustomerResponseDto {
  @IsIn(CUSTOMER_RESPONSES)
  response!: CustomerResponse;

  @IsOptional()
  @IsText(1, 2000)
  demand?: string;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  amount?: number;

  @IsOptional()
  @IsText(1, 2000)
  note?: string;
}

/** `POST …/referrals`: mediation (人民调解) or court. */
export class ReferCaseDto {
  @IsIn(REFERRAL_TARGETS)
  to!: ReferralTarget;

  @IsText(1, 500)
  organisation!: string;

  @IsOptional()
  @IsText(1, 200)
  reference?: string;

  @IsOptional()
  @IsText(1, 2000)
  note?: string;
}

/** What proves a remedy was carried out. */
export class RemedyReferenceDto {
  @IsIn(REMEDY_TYPES)
  type!: RemedyType;

  @IsText(1, 200)
  reference!: string;
}

/** `POST …/execution`: the agreed remedies carried out. */
export class ExecuteRemediesDto {
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RemedyReferenceDto)
  references!: RemedyReferenceDto[];

  @IsOptional()
  @IsText(1, 2000)
  note?: string;
}

/** `POST …/resolve`: the resolution as the customer will be told it. */
export class ResolveCaseDto {
  @IsText(1, 5000)
  summary!: string;
}

/** `POST …/evidence/files?fileName=…`: the file's name (the body is the file). */
export class UploadEvidenceQuery {
  @IsString()
  @Length(1, 200)
  fileName!: string;

  @IsOptional()
  @IsText(1, 2000)
  description?: string;
}
