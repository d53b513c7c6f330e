import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Redacted, withoutFields, withoutPersonalData } from '@kesu/analytics-domain';
import { type RecordedEvent, sealedFieldsOf } from '@kesu/kernel';
import type { Principal } from '@kesu/platform';
import { DEFAULT_PERSONAL_MENTIONS, type PersonalMentionKind } from '@kesu/text';
import { LinkedComplaints, seesPersonalData } from '../personal-data-access';
import { ComplaintEvents } from './complaint-events';

/** The fields of intake's events that name another complaint: its id, and what else names it. */
export const LINKS: Readonly<Record<string, { readonly id: string; readonly fields: readonly string[] }>> = {
  ComplaintMergedAsDuplicate: { id: 'duplicateOf', fields: ['duplicateOf', 'duplicateOfReference'] },
  DuplicateLinked: { id: 'duplicateComplaintId', fields: ['duplicateComplaintId', 'duplicateReference'] },
  RepeatComplaintFlagged: { id: 'repeatOf', fields: ['repeatOf', 'repeatOfReference'] },
};

/** The complaint another event of the history links to, if it links to one. */
export function linkOf(event: RecordedEvent): string | undefined {
  const link = LINKS[event.type];
  const id = link && (event.data as Record<string, unknown>)[link.id];
  return typeof id === 'string' ? id : undefined;
}

/**
 * A keyed request's causation id (`idempotency-…`, `causationIdOf`) ends in an unkeyed digest of the
 * request's body: of a correction of the location alone, of a reason whose marked mention is masked
 * — found again by trying addresses or phone numbers. It is personal data with the body.
 */
export const KEYED_CAUSATION = 'idempotency-';

/**
 * One event of a complaint's history as stored, with every envelope field its hash covers, so a
 * client can re-check the chain itself (never upcast: the hashes cover the stored form). What the
 * caller may not see is left out — personal data for a role without access to it (in its data, and
 * a keyed request's causation id), a link to a complaint outside their scope for anyone — and named
 * in `redacted` (`data.location`, `causationId`): `hash` and `prevHash` stay, so the chain's links
 * still show, and `/history/verify` checks the events as stored.
 */
function toHistoryEvent(event: RecordedEvent, seen: Redacted<unknown>, seesPersonal: boolean) {
  const withheld = !seesPersonal && event.causationId.startsWith(KEYED_CAUSATION) ? ['causationId'] : [];
  const envelope = Object.fromEntries(
    Object.entries(sealedFieldsOf(event)).filter(([field]) => !withheld.includes(field)),
  ) as Partial<ReturnType<typeof sealedFieldsOf>>;
  const redacted = [...seen.redacted, ...withheld];
  return {
    globalPosition: event.globalPosition,
    ...envelope,
    data: seen.value,
    ...(redacted.length > 0 && { redacted }),
  };
}

/** `GET /api/v1/complaints/{id}/history` body. */
export interface ComplaintHistory {
  readonly complaintId: string;
  readonly events: ReadonlyArray<ReturnType<typeof toHistoryEvent>>;
}

/** The complete, tamper-evident history of one complaint; 404 outside the caller's scope. */
export class GetComplaintHistoryQuery extends Query<ComplaintHistory> {
  constructor(
    readonly principal: Principal,
    readonly complaintId: string,
  ) {
    super();
  }
}

@QueryHandler(GetComplaintHistoryQuery)
export class GetComplaintHistoryHandler implements IQueryHandler<GetComplaintHistoryQuery> {
  constructor(
    private readonly events: ComplaintEvents,
    private readonly links: LinkedComplaints,
  ) {}

  async execute({ principal, complaintId }: GetComplaintHistoryQuery): Promise<ComplaintHistory> {
    const events = await this.events.of(principal, complaintId);
    const outside = await this.links.outside(
      principal,
      events.map(linkOf).filter((id) => id !== undefined),
    );
    const seesPersonal = seesPersonalData(principal);
    const mentions = seesPersonal ? null : mentionsOf(events);
    const seen = (event: RecordedEvent): Redacted<unknown> => {
      const link = linkOf(event);
      const linked =
        link && outside.has(link)
          ? withoutFields(event.data as object, LINKS[event.type]!.fields, 'data.')
          : { value: event.data, redacted: [] };
      if (!mentions) return linked;
      const personal = withoutPersonalData(linked.value, mentions, 'data.');
      return { value: personal.value, redacted: [...linked.redacted, ...personal.redacted] };
    };
    return { complaintId, events: events.map((event) => toHistoryEvent(event, seen(event), seesPersonal)) };
  }
}

/** The marks recorded on the complaint's registration (the defaults before they were kept). */
function mentionsOf(events: readonly RecordedEvent[]): readonly PersonalMentionKind[] {
  const received = events.find((event) => event.type === 'ComplaintReceived');
  const marks = (received?.data as { personalMentions?: PersonalMentionKind[] } | undefined)
    ?.personalMentions;
  return marks ?? DEFAULT_PERSONAL_MENTIONS;
}
