import type { MessageRecordedData, MessageEvent } from '@kesu/follow-up-contracts';
import type { FollowUpState } from './follow-up';

/** How the outbox retries: exponential backoff from `baseMs`, at most `maxAttempts` attempts. */
export interface DeliveryPolicy {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly maxBackoffMs: number;
  /** How long a claim holds before an attempt without an outcome counts as failed. */
  readonly claimMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 5,
  baseMs: 2_000,
  maxBackoffMs: 3_600_000,
  claimMs: 60_000,
};

/** Record a message in the outbox (once per message id). */
export interface RecordMessage {
  readonly type: 'RecordMessage';
  readonly message: MessageRecordedData;
}

/** Claim a message to deliver it now: a pending one that is due, or one whose claim lapsed. */
export interface ClaimDelivery {
  readonly type: 'ClaimDelivery';
  readonly messageId: string;
  readonly by: string;
  readonly at: string;
  readonly policy: DeliveryPolicy;
}

/** The outcome of the attempt `attempt` of a message: delivered, or the error. */
export interface RecordDeliveryOutcome {
  readonly type: 'RecordDeliveryOutcome';
  readonly messageId: string;
  readonly attempt: number;
  readonly at: string;
  readonly outcome:
    | { readonly delivered: true; readonly providerId?: string }
    | { readonly delivered: false; readonly error: string };
  readonly policy: DeliveryPolicy;
}

export type OutboxCommand = RecordMessage | ClaimDelivery | RecordDeliveryOutcome;

const plus = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();

/** The wait before the attempt after `attempt` (from 1): `baseMs · 2^(attempt-1)`, capped. */
export const backoffMs = (policy: DeliveryPolicy, attempt: number): number =>
  Math.min(policy.maxBackoffMs, policy.baseMs * 2 ** (attempt - 1));

/** Whether a message may be claimed at `at`: pending and due, or in flight with a lapsed claim. */
export function claimable(state: FollowUpState, messageId: string, at: string): boolean {
  const message = state.messages[messageId];
  if (!message) return false;
  if (message.status === 'pending') return message.retryAt === undefined || message.retryAt <= at;
  return message.status === 'in_flight' && message.claimUntil !== undefined && message.claimUntil <= at;
}

/** Decides an outbox command: nothing when it changes nothing (a repeat, a message claimed elsewhere). */
export function decideOutbox(command: OutboxCommand, state: FollowUpState): MessageEvent[] {
  switch (command.type) {
    case 'RecordMessage':
      if (state.messages[command.message.messageId]) return [];
      return [{ type: 'MessageRecorded', data: command.message }];
    case 'ClaimDelivery': {
      const { messageId, at, by, policy } = command;
      if (!claimable(state, messageId, at)) return [];
      const message = state.messages[messageId]!;
      const complaintId = complaintOf(state);
      const events: MessageEvent[] = [];
      if (message.status === 'in_flight') {
        const error = 'the delivery was interrupted (its claim lapsed)';
        if (message.attempts >= policy.maxAttempts) {
          return [failed(complaintId, messageId, message.attempts, at, error, null)];
        }
        events.push(failed(complaintId, messageId, message.attempts, at, error, at));
      }
      const attempt = message.attempts + 1;
      events.push({
        type: 'DeliveryAttempted',
        data: { complaintId, messageId, attempt, attemptedAt: at, by, claimUntil: plus(at, policy.claimMs) },
      });
      return events;
    }
    case 'RecordDeliveryOutcome': {
      const { messageId, attempt, at, outcome, policy } = command;
      const message = state.messages[messageId];
      if (!message || message.status !== 'in_flight' || message.attempts !== attempt) return [];
      const complaintId = complaintOf(state);
      if (outcome.delivered) {
        return [
          {
            type: 'MessageDelivered',
            data: {
              complaintId,
              messageId,
              attempt,
              deliveredAt: at,
              ...(outcome.providerId !== undefined && { providerId: outcome.providerId }),
            },
          },
        ];
      }
      const retryAt = attempt >= policy.maxAttempts ? null : plus(at, backoffMs(policy, attempt));
      return [failed(complaintId, messageId, attempt, at, outcome.error, retryAt)];
    }
  }
}

const failed = (
  complaintId: string,
  messageId: string,
  attempt: number,
  failedAt: string,
  error: string,
  retryAt: string | null,
): MessageEvent => ({
  type: 'DeliveryFailed',
  data: { complaintId, messageId, attempt, failedAt, error: error.slice(0, 500), retryAt },
});

const complaintOf = (state: FollowUpState): string => state.complaintId ?? '';
