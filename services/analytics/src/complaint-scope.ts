import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@kesu/kernel';
import { OrgDirectory, type Place, type Principal } from '@kesu/platform';

/** Where a complaint lies: the tenant it belongs to and the branch that received it. */
export type ComplaintPlace = Place;

/**
 * The caller's reach over complaints, the same for every read: a complaint outside the caller's
 * tenant or branch scope is not found, the answer to an unknown id, so no answer reveals it exists.
 */
@Injectable()
export class ComplaintScope {
  constructor(private readonly directory: OrgDirectory) {}

  /** Whether the complaint lies in the caller's tenant and branch scope. */
  covers(principal: Principal, complaint: ComplaintPlace): boolean {
    return this.directory.reaches(principal, complaint);
  }

  /** The complaint found, when it lies in the caller's scope; NotFoundError (404) otherwise. */
  found<C extends ComplaintPlace>(
    principal: Principal,
    complaintId: string,
    complaint: C | null | undefined,
  ): C {
    if (!complaint || !this.covers(principal, complaint)) {
      throw new NotFoundError('complaint.not_found', `complaint ${complaintId} not found`);
    }
    return complaint;
  }
}
