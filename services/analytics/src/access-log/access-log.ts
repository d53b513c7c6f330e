import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { Collection, DocumentStore, Filter, Page } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';

/** What a logged read was: one complaint, its history or its verification, a list, an export, a report. */
export const ACCESS_KINDS = ['view', 'list', 'history', 'verify', 'export', 'kpis', 'report'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** One read of complaint data: who, what, when and from where. */
export interface AccessEntry {
  readonly _id: string;
  readonly tenantId: string;
  readonly at: string;
  readonly userId: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly kind: AccessKind;
  /** The complaint read, for a read of one complaint. */
  readonly complaintId: string | null;
  readonly method: string;
  /** The path and query string as asked. */
  readonly url: string;
  readonly status: number;
  /** The client's address, found through TRUST_PROXY_HOPS trusted proxies. */
  readonly clientAddress: string;
  readonly userAgent: string | null;
  readonly correlationId: string;
}

/** The access log's page filters. */
export interface AccessLogFilter {
  readonly from?: string;
  readonly to?: string;
  readonly userId?: string;
  readonly complaintId?: string;
  readonly kind?: AccessKind;
}

const COLLECTION = 'analytics_access_log';

/**
 * The log of reads of complaint data by analysts, regulators and administrators: one document per
 * read, never changed, listed newest first per tenant.
 */
@Injectable()
export class AccessLog implements OnModuleInit {
  private readonly entries: Collection<AccessEntry>;

  constructor(@Inject(DOCUMENT_STORE) documents: DocumentStore) {
    this.entries = documents.collection<AccessEntry>(COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.entries.ensureIndex(['tenantId', 'at']);
  }

  /** Records one read (its id: a UUIDv7, so ids sort by time). */
  async record(entry: Omit<AccessEntry, '_id'>): Promise<void> {
    await this.entries.put({ _id: uuidv7(), ...entry });
  }

  /** One page of the tenant's entries, newest first. */
  list(
    tenantId: string,
    filter: AccessLogFilter,
    limit: number,
    cursor?: string,
  ): Promise<Page<AccessEntry>> {
    const at = {
      ...(filter.from !== undefined && { $gte: filter.from }),
      ...(filter.to !== undefined && { $lt: filter.to }),
    };
    const where: Filter = {
      tenantId,
      ...(Object.keys(at).length > 0 && { at }),
      ...(filter.userId !== undefined && { userId: filter.userId }),
      ...(filter.complaintId !== undefined && { complaintId: filter.complaintId }),
      ...(filter.kind !== undefined && { kind: filter.kind }),
    };
    return this.entries.find(where, {
      sort: { field: 'at', direction: -1 },
      limit,
      ...(cursor && { cursor }),
    });
  }
}
