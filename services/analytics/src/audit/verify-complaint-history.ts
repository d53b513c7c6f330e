import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type ChainVerification, verifyChains } from '@kesu/kernel';
import type { Principal } from '@kesu/platform';
import { seesPersonalData } from '../personal-data-access';
import { ComplaintEvents } from './complaint-events';
import { type EvidenceFileProblem, EvidenceFileChecks } from './evidence-file-checks';

/**
 * The verdict on a complaint's history: its hash chains, and the evidence files it names re-hashed.
 * `valid` only when both hold.
 */
export interface HistoryVerification extends ChainVerification {
  /** Evidence files the history names, each re-hashed from the file store. */
  readonly filesChecked: number;
  /** Those whose stored content no longer matches their recorded hash, or is gone (absent: none). */
  readonly alteredFiles?: readonly EvidenceFileProblem[];
}

/** Whether the hash chains of a complaint's history and its evidence files hold; 404 outside the caller's scope. */
export class VerifyComplaintHistoryQuery extends Query<HistoryVerification> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
  ) {
    super();
  }
}

@QueryHandler(VerifyComplaintHistoryQuery)
export class VerifyComplaintHistoryHandler implements IQueryHandler<VerifyComplaintHistoryQuery> {
  constructor(
    private readonly events: ComplaintEvents,
    private readonly files: EvidenceFileChecks,
  ) {}

  async execute({ principal, complaintId }: VerifyComplaintHistoryQuery): Promise<HistoryVerification> {
    const events = await this.events.of(principal, complaintId);
    const chains = verifyChains(events);
    const { filesChecked, problems } = await this.files.verify(events, seesPersonalData(principal));
    return {
      ...chains,
      valid: chains.valid && problems.length === 0,
      filesChecked,
      ...(problems.length > 0 && { alteredFiles: problems }),
    };
  }
}
