import { IsText } from '@kesu/platform';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

/** `POST …/assignment/accept`: nothing to say (unknown fields are refused). */
export class AcceptAssignmentDto {}

/** `POST …/assignment/return`: why it is not the handler's. */
export class ReturnAssignmentDto {
  @IsText(1, 2000)
  reason!: string;
}

/** `POST …/transfer`: the other department, and why. */
export class TransferComplaintDto {
  @IsString()
  @Matches(CODE, { message: 'departmentId must be a department id' })
  departmentId!: string;

  @IsText(1, 2000)
  reason!: string;
}

/** `POST …/assign`: the person (their user id), why, and optionally the department they hold it for. */
export class AssignComplaintDto {
  @IsString()
  @Length(1, 200)
  @Matches(CODE, { message: 'assigneeId must be a person id' })
  assigneeId!: string;

  @IsText(1, 2000)
  reason!: string;

  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'departmentId must be a department id' })
  departmentId?: string;
}
