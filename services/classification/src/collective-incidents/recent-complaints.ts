import type { ComplaintReceivedData } from '@kesu/intake-contracts';
import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_COLLECTIVE_DETECTION,
  descriptionTokens,
  type RecentComplaint,
} from '@kesu/classification-domain';
import type { RecordedEvent } from '@kesu/kernel';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { Collection, DocumentStore } from '@kesu/ports';
import { DEFAULT_PERSONAL_MENTIONS, maskPersonalMentions } from '@kesu/text';

/** One recently classified complaint, as collective detection reads it (`_id`: the complaint id). */
export interface RecentComplaintDoc {
  readonly _id: string;
  readonly tenantId: string;
  readonly branchId: string;
  /** The top-level category: complaints about one target often land in sibling subcategories. */
  readonly category: string;
  readonly subjectName?: string;
  /** The document of its description tokens in `RECENT_TOKENS_COLLECTION`. */
  readonly tokensId?: string;
  /** The tokens themselves, in documents written before they were kept apart. */
  readonly tokens?: readonly string[];
  /** ISO instant (UTC, `toISOString`), so that strings sort as times. */
  readonly receivedAt: string;
  readonly complainantCount: number;
  /** The incident the complaint was recorded in or joined, once it was. */
  readonly incidentId?: string;
  /** A detection's claim on it (see `IncidentClaims`). */
  readonly claim?: { readonly incidentId: string; readonly at: number } | null;
}

/** A recent complaint's description tokens (`_id`: `<complaint id>:<digest of the tokens>`). */
export interface RecentTokensDoc {
  readonly _id: string;
  readonly tokens: readonly string[];
}

export const RECENT_COLLECTION = 'classification_recent';
/**
 * The description tokens of the recent complaints, one document per complaint and description,
 * never changed: detection reads every recent complaint of a branch and category for each complaint,
 * and keeps the tokens it read in memory, so the index it reads stays small.
 */
export const RECENT_TOKENS_COLLECTION = 'classification_recent_tokens';
/** Description tokens kept per complaint: enough for similarity, bounded in size. */
export const MAX_RECENT_TOKENS = 200;
/** Token lists kept in memory, the oldest kept dropped first (about 6 kB each). */
const TOKEN_CACHE_SIZE = 5000;
/**
 * Recent complaints of one branch and category read per detection: the newest, so that in a flood
 * the members nearest the complaint are among them (an incident found is joined, whatever its size;
 * a new one needs 5). What detection costs per complaint grows with this number.
 */
const MAX_RECENT_READ = 300;

/**
 * The index of recently classified complaints collective detection matches against: one entry per
 * complaint (`classification_recent`), pruned after two windows, marked with the incident it belongs
 * to; its tokens apart, and in memory once read.
 */
@Injectable()
export class RecentComplaints implements OnModuleInit {
  private readonly recent: Collection<RecentComplaintDoc>;
  private readonly recentTokens: Collection<RecentTokensDoc>;
  /** Token lists by their document id: immutable, so never stale. */
  private readonly tokenCache = new Map<string, readonly string[]>();
  private readonly windowMs = DEFAULT_COLLECTIVE_DETECTION.windowMs;

  constructor(@Inject(DOCUMENT_STORE) documents: DocumentStore) {
    this.recent = documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    this.recentTokens = documents.collection<RecentTokensDoc>(RECENT_TOKENS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.recent.ensureIndex(['tenantId', 'branchId', 'receivedAt']);
    await this.recent.ensureIndex(['tenantId', 'branchId', 'category', 'receivedAt']);
  }

  /**
   * Indexes the classified complaint (again, on a redelivery: the incident it is marked with stays),
   * and drops its branch's complaints older than two windows. Answers its entry as indexed.
   */
  async index(received: RecordedEvent, category: string): Promise<RecentComplaintDoc> {
    const data = received.data as ComplaintReceivedData;
    const receivedAt = new Date(data.receivedAt).toISOString();
    // the mentions the tenant marks as personal are no terms of a matter (and never an incident's target)
    const marks = data.personalMentions ?? DEFAULT_PERSONAL_MENTIONS;
    const text = maskPersonalMentions(data.description, marks, ' ');
    const tokens = descriptionTokens(text).slice(0, MAX_RECENT_TOKENS);
    const digest = createHash('sha256').update(tokens.join(' ')).digest('hex').slice(0, 16);
    const tokensId = `${data.complaintId}:${digest}`;
    const { _id, ...fields }: RecentComplaintDoc = {
      _id: data.complaintId,
      tenantId: received.tenantId,
      branchId: data.branchId,
      category: category.split('.')[0]!,
      ...(data.subject.name !== undefined && { subjectName: data.subject.name }),
      tokensId,
      receivedAt,
      complainantCount: data.complainantCount,
    };
    const existing = await this.recent.get(_id);
    // written before reading: of two replicas classifying at once, the later one sees both; a
    // redelivery leaves the incident another detection marked meanwhile in place
    await Promise.all([
      this.recentTokens.put({ _id: tokensId, tokens }),
      this.recent.update(
        _id,
        {
          $set: fields,
          // tokens kept inline by older releases, a subject name corrected away
          $unset: { tokens: true, ...(fields.subjectName === undefined && { subjectName: true }) },
        },
        { upsert: true },
      ),
      // a description corrected since: its earlier tokens are no longer read
      existing?.tokensId !== undefined && existing.tokensId !== tokensId
        ? this.recentTokens.delete(existing.tokensId)
        : undefined,
    ]);
    this.remember(tokensId, tokens);
    const { tenantId, branchId } = fields;
    await this.prune({ tenantId, branchId }, this.shifted(receivedAt, -2));
    return { _id, ...fields, ...(existing?.incidentId && { incidentId: existing.incidentId }) };
  }

  /**
   * The complaint and the newest recent complaints of its branch and category from two windows
   * before it to one after, with their tokens, by id: what detection matches it against.
   */
  async around(indexed: RecentComplaintDoc): Promise<Map<string, RecentComplaint>> {
    const { items } = await this.recent.find(
      {
        tenantId: indexed.tenantId,
        branchId: indexed.branchId,
        category: indexed.category,
        receivedAt: {
          $gte: this.shifted(indexed.receivedAt, -2),
          $lte: this.shifted(indexed.receivedAt, 1),
        },
      },
      { sort: { field: 'receivedAt', direction: -1 }, limit: MAX_RECENT_READ },
    );
    const byId = new Map(items.map((d) => [d._id, d]));
    // the complaint as indexed, with its incident, even when it is older than those read
    byId.set(indexed._id, byId.get(indexed._id) ?? indexed);
    return this.withTokens([...byId.values()]);
  }

  /** Those of these complaints the index marks as the incident's members. */
  async membersOf(incidentId: string, complaintIds: readonly string[]): Promise<string[]> {
    const docs = await this.recent.getMany(complaintIds);
    return docs.filter((doc) => doc.incidentId === incidentId).map((doc) => doc._id);
  }

  /** Marks these complaints as the incident's members, which ends their claims. */
  async markMembers(incidentId: string, complaintIds: readonly string[]): Promise<void> {
    await Promise.all(
      complaintIds.map((id) => this.recent.update(id, { $set: { incidentId, claim: null } })),
    );
  }

  /** The complaint is no longer the incident's member (unless it was marked another's since). */
  async unmark(complaintId: string, incidentId: string): Promise<void> {
    await this.recent.update(complaintId, { $unset: { incidentId: true } }, { filter: { incidentId } });
  }

  /** The instant `windows` detection windows after (or before) `instant`. */
  private shifted(instant: string, windows: number): string {
    return new Date(Date.parse(instant) + windows * this.windowMs).toISOString();
  }

  /**
   * The recent complaints with their tokens, by id: from memory, else read together (a token
   * document not found, written by a replica that stopped before the complaint's own, reads empty).
   */
  private async withTokens(docs: readonly RecentComplaintDoc[]): Promise<Map<string, RecentComplaint>> {
    const missing = docs
      .map((d) => d.tokensId)
      .filter((id): id is string => id !== undefined && !this.tokenCache.has(id));
    for (const found of await this.recentTokens.getMany(missing)) this.remember(found._id, found.tokens);
    const tokensOf = (d: RecentComplaintDoc) =>
      d.tokens ?? (d.tokensId !== undefined ? this.tokenCache.get(d.tokensId) : undefined) ?? [];
    return new Map(docs.map((d) => [d._id, toRecent(d, tokensOf(d))] as const));
  }

  /** Keeps a token list; beyond the cache's size the oldest kept goes (read again if needed). */
  private remember(tokensId: string, tokens: readonly string[]): void {
    this.tokenCache.set(tokensId, tokens);
    if (this.tokenCache.size > TOKEN_CACHE_SIZE) this.tokenCache.delete(this.tokenCache.keys().next().value!);
  }

  /** Drops the branch's complaints received before `before`, and their tokens (a page per call). */
  private async prune(scope: { tenantId: string; branchId: string }, before: string): Promise<void> {
    const { items } = await this.recent.find({ ...scope, receivedAt: { $lt: before } }, { limit: 100 });
    await Promise.all(
      items.flatMap((old) => [
        this.recent.delete(old._id),
        ...(old.tokensId !== undefined ? [this.recentTokens.delete(old.tokensId)] : []),
      ]),
    );
    for (const old of items) if (old.tokensId !== undefined) this.tokenCache.delete(old.tokensId);
  }
}

const toRecent = (d: RecentComplaintDoc, tokens: readonly string[]): RecentComplaint => ({
  complaintId: d._id,
  branchId: d.branchId,
  category: d.category,
  ...(d.subjectName !== undefined && { subjectName: d.subjectName }),
  tokens,
  receivedAt: d.receivedAt,
  complainantCount: d.complainantCount,
  ...(d.incidentId !== undefined && { incidentId: d.incidentId }),
});
