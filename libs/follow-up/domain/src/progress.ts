import type { MessageEvent, MessageRecordedData } from '@kesu/follow-up-contracts';
import type { FollowUpState } from './follow-up';

/**
 * Send the complainant a progress update (让顾客了解进度) if one is due at `at`: the message is
 * recorded only while the complaint is open (not resolved, under re-review or closed) and once
 * `intervalHours` have passed since the last message to the complainant — at most one per interval.
 */
export interface RecordProgressUpdate {
  readonly type: 'RecordProgressUpdate';
  readonly message: MessageRecordedData;
  readonly intervalHours: number;
  readonly at: string;
}

const OPEN_STAGES: readonly FollowUpState['stage'][] = ['open', 'reopened'];

/**
 * When the next progress update is due, or undefined when none will be: the complaint is no longer
 * open, the tenant sends none (interval 0), or the complainant has not been written to yet (the
 * acknowledgement starts the rhythm).
 */
export function progressUpdateDueAt(state: FollowUpState, intervalHours: number): string | undefined {
  if (intervalHours <= 0 || !OPEN_STAGES.includes(state.stage)) return undefined;
  if (state.lastCustomerMessageAt === undefined) return undefined;
  return new Date(Date.parse(state.lastCustomerMessageAt) + intervalHours * 3_600_000).toISOString();
}

/** Decides a progress update: the message when one is due, else nothing. */
export function decideProgressUpdate(command: RecordProgressUpdate, state: FollowUpState): MessageEvent[] {
  const due = progressUpdateDueAt(state, command.intervalHours);
  if (due === undefined || due > command.at) return [];
  if (state.messages[command.message.messageId]) return [];
  return [{ type: 'MessageRecorded', data: command.message }];
}
