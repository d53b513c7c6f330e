import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { FollowUpState, FollowUpStreamEvent } from '@kesu/follow-up-domain';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { Collection, DocumentStore } from '@kesu/ports';

/** What a timer does when it is due. */
export type TimerKind = 'delivery' | 'objection' | 'progress';

/** A due instant of a complaint's follow-up: a message to (re)deliver, or the objection window's end. */
export interface FollowUpTimerDocument {
  readonly _id: string;
  readonly kind: TimerKind;
  readonly complaintId: string;
  readonly messageId?: string;
  /** UTC ISO instant. */
  readonly dueAt: string;
}

export const FOLLOW_UP_TIMERS = 'follow-up-timers';

const deliveryId = (complaintId: string, messageId: string) => `delivery:${complaintId}:${messageId}`;
const objectionId = (complaintId: string) => `objection:${complaintId}`;
const progressId = (complaintId: string) => `progress:${complaintId}`;

/**
 * The follow-up's timers, in the document store: set from the events of the follow-up topic as they
 * are published, and set again from a complaint's state after each firing — so a timer lost or
 * stale heals on its own. Firing one twice decides nothing the second time.
 */
@Injectable()
export class FollowUpTimers implements OnModuleInit {
  private readonly collection: Collection<FollowUpTimerDocument>;

  constructor(@Inject(DOCUMENT_STORE) documents: DocumentStore) {
    this.collection = documents.collection<FollowUpTimerDocument>(FOLLOW_UP_TIMERS);
  }

  async onModuleInit(): Promise<void> {
    await this.collection.ensureIndex(['dueAt']);
  }

  /** The timers due at `now`, earliest first. */
  async due(now: string, limit: number): Promise<FollowUpTimerDocument[]> {
    const page = await this.collection.find(
      { dueAt: { $lte: now } },
      { sort: { field: 'dueAt', direction: 1 }, limit },
    );
    return page.items;
  }

  /** Sets or clears the timers an event of a complaint's follow-up implies. */
  async onEvent(event: FollowUpStreamEvent): Promise<void> {
    const { complaintId } = event.data;
    switch (event.type) {
      case 'MessageRecorded':
        // a message to the complainant restarts the progress rhythm: the firing finds the next due
        if (event.data.recipient.kind === 'complainant')
          await this.setProgress(complaintId, event.data.recordedAt);
        return this.set(
          deliveryId(complaintId, event.data.messageId),
          'delivery',
          complaintId,
          event.data.recordedAt,
          event.data.messageId,
        );
      case 'DeliveryAttempted':
        return this.set(
          deliveryId(complaintId, event.data.messageId),
          'delivery',
          complaintId,
          event.data.claimUntil,
          event.data.messageId,
        );
      case 'DeliveryFailed':
        if (event.data.retryAt === null) return this.clear(deliveryId(complaintId, event.data.messageId));
        return this.set(
          deliveryId(complaintId, event.data.messageId),
          'delivery',
          complaintId,
          event.data.retryAt,
          event.data.messageId,
        );
      case 'MessageDelivered':
        return this.clear(deliveryId(complaintId, event.data.messageId));
      case 'CallbackScheduled':
        await this.clear(progressId(complaintId));
        return this.set(
          objectionId(complaintId),
          'objection',
          complaintId,
          event.data.closesWithoutObjectionAt,
        );
      case 'ComplaintReopened':
        await this.setProgress(complaintId, event.data.reopenedAt);
        return this.clear(objectionId(complaintId));
      case 'ComplaintClosed':
        await this.clear(progressId(complaintId));
        return this.clear(objectionId(complaintId));
      case 'ReReviewRequested':
        return this.clear(objectionId(complaintId));
      default:
        return;
    }
  }

  /** Sets a fired timer again from the complaint's state (or clears it when nothing is left to do). */
  async afterFiring(
    timer: FollowUpTimerDocument,
    state: FollowUpState | undefined,
    now: string,
  ): Promise<void> {
    const next = state && nextDue(timer, state, now);
    if (next === undefined) await this.clear(timer._id);
    else await this.set(timer._id, timer.kind, timer.complaintId, next, timer.messageId);
  }

  /** Sets a complaint's progress timer at `dueAt`, or clears it (undefined: no update will be due). */
  async setProgress(complaintId: string, dueAt: string | undefined): Promise<void> {
    if (dueAt === undefined) await this.clear(progressId(complaintId));
    else await this.set(progressId(complaintId), 'progress', complaintId, dueAt);
  }

  /** Tries a timer whose firing failed again after `ms`. */
  async postpone(timer: FollowUpTimerDocument, now: string, ms: number): Promise<void> {
    await this.set(
      timer._id,
      timer.kind,
      timer.complaintId,
      new Date(Date.parse(now) + ms).toISOString(),
      timer.messageId,
    );
  }

  private async set(
    id: string,
    kind: TimerKind,
    complaintId: string,
    dueAt: string,
    messageId?: string,
  ): Promise<void> {
    await this.collection.put({
      _id: id,
      kind,
      complaintId,
      dueAt,
      ...(messageId !== undefined && { messageId }),
    });
  }

  private async clear(id: string): Promise<void> {
    await this.collection.delete(id);
  }
}

/** When a timer is due next, from the complaint's state; undefined when there is nothing left to do. */
function nextDue(timer: FollowUpTimerDocument, state: FollowUpState, now: string): string | undefined {
  if (timer.kind === 'objection') {
    const window = state.resolution?.closesWithoutObjectionAt;
    return state.stage === 'resolved' && window !== undefined && state.satisfaction !== 'unsatisfied'
      ? window
      : undefined;
  }
  const message = state.messages[timer.messageId ?? ''];
  if (!message) return undefined;
  if (message.status === 'pending') return message.retryAt ?? now;
  if (message.status === 'in_flight') return message.claimUntil;
  return undefined;
}
