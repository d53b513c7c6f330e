import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  AuditExportWriter,
  type ExportedEvent,
  type Redacted,
  withoutFields,
  withoutPersonalData,
} from '@kesu/analytics-domain';
import type { RecordedEvent } from '@kesu/kernel';
import { CLOCK, EVENT_STORE, OrgDirectory, type Principal } from '@kesu/platform';
import type { Clock, EventStore } from '@kesu/ports';
import { PERSONAL_MENTION_KINDS } from '@kesu/text';
import { LinkedComplaints, seesPersonalData } from '../personal-data-access';
import { KEYED_CAUSATION, LINKS, linkOf } from './get-complaint-history';
import { StreamEndsOnDisk } from './stream-ends-on-disk';

/** Events read from the store at a time: what an export holds in memory besides its bookkeeping. */
export const EXPORT_PAGE_SIZE = 500;

/** The window of an export: events recorded from `from` (inclusive) to `to` (exclusive). */
export interface ExportWindow {
  readonly from?: string;
  readonly to?: string;
}

/**
 * The audit export of the caller's tenant (events whose branch lies in their scope), recorded in
 * the window: NDJSON lines in global order, then the manifest (`AuditExportWriter`), produced as
 * the store is read, page by page.
 */
export class ExportAuditQuery extends Query<AsyncIterable<string>> {
  constructor(
    readonly principal: Principal,
    readonly window: ExportWindow,
  ) {
    super();
  }
}

@QueryHandler(ExportAuditQuery)
export class ExportAuditHandler implements IQueryHandler<ExportAuditQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly links: LinkedComplaints,
  ) {}

  execute(query: ExportAuditQuery): Promise<AsyncIterable<string>> {
    return Promise.resolve(this.lines(query));
  }

  private async *lines({ principal, window }: ExportAuditQuery): AsyncIterable<string> {
    const exportedAt = this.clock.now().toISOString();
    const ends = new StreamEndsOnDisk();
    try {
      const writer = new AuditExportWriter(ends);
      const until = await this.store.headPosition();
      let position = 0;
      while (position < until) {
        const page = await this.store.readAll({ fromPosition: position, maxCount: EXPORT_PAGE_SIZE });
        if (page.length === 0) break;
        let text = '';
        for (const event of page) {
          if (event.globalPosition > until) break;
          if (this.exported(principal, window, event))
            text += `${writer.line(await this.seen(principal, event))}\n`;
        }
        position = page.at(-1)!.globalPosition;
        if (text !== '') yield text;
      }
      const header = {
        tenantId: principal.tenantId,
        from: window.from ?? null,
        to: window.to ?? null,
        exportedAt,
        exportedBy: principal.username,
      };
      for (const piece of writer.manifest(header)) yield piece;
      yield '\n';
    } finally {
      ends.close();
    }
  }

  private exported(principal: Principal, { from, to }: ExportWindow, event: RecordedEvent): boolean {
    if (!this.directory.reaches(principal, event)) return false;
    const at = Date.parse(event.recordedAt);
    return (from === undefined || at >= Date.parse(from)) && (to === undefined || at < Date.parse(to));
  }

  /**
   * The event as the caller may see it (the history's rules): a link to a complaint outside their
   * scope left out; without access to personal data, its personal fields, every kind of personal
   * mention in its texts and a keyed request's causation id withheld.
   */
  private async seen(principal: Principal, event: RecordedEvent): Promise<ExportedEvent> {
    const link = linkOf(event);
    const outside = link ? await this.links.outside(principal, [link]) : new Map();
    const linked: Redacted<unknown> =
      link && outside.has(link)
        ? withoutFields(event.data as object, LINKS[event.type]!.fields, 'data.')
        : { value: event.data, redacted: [] };
    if (seesPersonalData(principal)) return { event, data: linked.value, redacted: linked.redacted };
    const personal = withoutPersonalData(linked.value, PERSONAL_MENTION_KINDS, 'data.');
    const causation = event.causationId.startsWith(KEYED_CAUSATION) ? ['causationId'] : [];
    return {
      event,
      data: personal.value,
      redacted: [...linked.redacted, ...personal.redacted, ...causation],
    };
  }
}
