import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@kesu/kernel';
import { type ComplaintFacts, ComplaintFactsReader } from '../complaint-facts';

/** The facts of a complaint a person acts on (404 for one intake does not know). */
@Injectable()
export class FollowUpContext {
  constructor(private readonly facts: ComplaintFactsReader) {}

  async of(complaintId: string): Promise<ComplaintFacts> {
    const facts = await this.facts.of(complaintId);
    if (!facts) throw new NotFoundError('complaint.not_found', `complaint ${complaintId} not found`);
    return facts;
  }
}
