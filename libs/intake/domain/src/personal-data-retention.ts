import type {
  AppealDecidedData,
  ComplaintMergedAsDuplicateData,
  ComplaintRejectedData,
  ComplaintResolvedOnTheSpotData,
  ComplaintWithdrawnData,
} from '@kesu/intake-contracts';
import type { ComplaintClosedData } from '@kesu/follow-up-contracts';

const DAY_MS = 86_400_000;

/**
 * When an event leaves its complaint ended, as far as keeping its complainant's personal data goes
 * (`endedAt`, the instant it ended), or open again (`endedAt` null); undefined when it changes
 * neither. A complaint ends when follow-up closes it (ComplaintClosed), when it is withdrawn, merged
 * into another, resolved on the spot, or rejected — the rejection stands until an appeal reopens it,
 * and an appeal upheld ends it for good (the policy has no appeal window; the retention of at least a
 * year runs after the rejection).
 */
export function endingAfter(event: {
  readonly type: string;
  readonly data: unknown;
}): { readonly endedAt: string | null } | undefined {
  switch (event.type) {
    case 'ComplaintReceived':
    case 'ComplaintAccepted':
    case 'RejectionAppealed':
      return { endedAt: null };
    case 'AppealDecided': {
      const { outcome, decidedAt } = event.data as AppealDecidedData;
      return { endedAt: outcome === 'upheld' ? decidedAt : null };
    }
    case 'ComplaintResolvedOnTheSpot':
      return { endedAt: (event.data as ComplaintResolvedOnTheSpotData).resolvedAt };
    case 'ComplaintRejected':
      return { endedAt: (event.data as ComplaintRejectedData).rejectedAt };
    case 'ComplaintWithdrawn':
      return { endedAt: (event.data as ComplaintWithdrawnData).withdrawnAt };
    case 'ComplaintMergedAsDuplicate':
      return { endedAt: (event.data as ComplaintMergedAsDuplicateData).mergedAt };
    case 'ComplaintClosed':
      return { endedAt: (event.data as ComplaintClosedData).closedAt };
    default:
      return undefined;
  }
}

/** The event types `endingAfter` reads. */
export const ENDING_EVENT_TYPES = [
  'ComplaintReceived',
  'ComplaintAccepted',
  'RejectionAppealed',
  'AppealDecided',
  'ComplaintResolvedOnTheSpot',
  'ComplaintRejected',
  'ComplaintWithdrawn',
  'ComplaintMergedAsDuplicate',
  'ComplaintClosed',
] as const;

/** The instant before which a complaint must have ended for its personal data to be due for erasure. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * Whether a person's personal data has outlived the retention: every one of their complaints ended
 * (`endedAt` of each; null while open), the last of them `retentionDays` or more before `now`.
 * Answers when the last one ended, or undefined while the data is still kept.
 */
export function retentionRanOut(
  endings: readonly (string | null)[],
  retentionDays: number,
  now: Date,
): string | undefined {
  if (endings.length === 0 || endings.some((endedAt) => endedAt === null)) return undefined;
  const last = (endings as string[]).reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  return Date.parse(last) <= retentionCutoff(now, retentionDays).getTime() ? last : undefined;
}
