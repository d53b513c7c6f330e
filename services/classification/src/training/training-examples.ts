import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { LabeledText } from '@kesu/classification-text-model';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { Collection, Document, DocumentStore, Filter } from '@kesu/ports';

export const TRAINING_EXAMPLES = 'classification_examples';
/** Per tenant, when an example was last added: where automatic retraining looks for tenants to check. */
export const EXAMPLE_TENANTS = 'classification_example_tenants';

/**
 * One labeled text of a tenant: imported in bulk, a handler's correction of a complaint, or a closed
 * complaint's final category (confirmed by the closer). `addedAt` is when it was stored.
 */
export interface TrainingExample extends Document {
  readonly tenantId: string;
  readonly text: string;
  readonly label: string;
  readonly source: 'import' | 'correction' | 'closed';
  readonly complaintId: string | null;
  /** When it was stored, replaced or removed. */
  readonly addedAt: string;
  /** Taken out of training by an admin; null or absent while it counts. */
  readonly removed?: ExampleRemoval | null;
}

/** Who took an example out of training, why and when. */
export interface ExampleRemoval {
  readonly by: string;
  readonly reason: string;
  readonly at: string;
}

export type ExampleSource = TrainingExample['source'];
export const EXAMPLE_SOURCES: readonly ExampleSource[] = ['import', 'correction', 'closed'];

/** Which of the tenant's examples a listing shows. */
export interface ExampleFilter {
  readonly label?: string;
  readonly source?: ExampleSource;
  /** The removed examples instead of those that count. */
  readonly removed?: boolean;
}

/** A tenant that has examples, and when the latest was added (or replaced). */
export interface ExampleTenant extends Document {
  readonly lastAddedAt: string;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The tenant's labeled texts. An import is keyed by its text, so importing a file again adds nothing
 * twice. A complaint's human-confirmed label (a correction, its closing) is keyed by the complaint:
 * the latest judgement of the complaint stands. A correction is made now, so it replaces what is
 * stored; a closing is learned after it was made (from the message log), so it replaces only a label
 * stored no later than its closing: a correction made after the closing stays (a reopened complaint
 * reclassified, say, or one corrected while the closing waited in the log), a redelivered closing
 * changes nothing, and a second closing (after a reopening) replaces the first.
 *
 * An admin may take an example out of training (`remove`): it stays, marked with who, why and when
 * (and `addedAt` then), so that a closing made before the removal does not bring it back, nor does
 * importing its text again with the same category; a later correction or closing of the complaint,
 * or an import with another category, is a new judgement and replaces it.
 */
@Injectable()
export class TrainingExamples implements OnModuleInit {
  private readonly examples: Collection<TrainingExample>;
  private readonly tenants: Collection<ExampleTenant>;

  constructor(@Inject(DOCUMENT_STORE) documents: DocumentStore) {
    this.examples = documents.collection<TrainingExample>(TRAINING_EXAMPLES);
    this.tenants = documents.collection<ExampleTenant>(EXAMPLE_TENANTS);
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([
      this.examples.ensureIndex(['tenantId', 'source']),
      this.examples.ensureIndex(['tenantId', 'addedAt']),
      this.tenants.ensureIndex(['lastAddedAt']),
    ]);
    await this.indexTenants();
  }

  async correction(
    tenantId: string,
    complaintId: string,
    text: string,
    label: string,
    at: string,
  ): Promise<void> {
    await this.added(tenantId, at);
    await this.examples.put({
      _id: `${tenantId}:complaint:${complaintId}`,
      tenantId,
      text,
      label,
      source: 'correction',
      complaintId,
      addedAt: at,
    });
  }

  /**
   * Keeps a closed complaint's final category as its example at `at`, unless the complaint's example
   * was stored after `closedAt` (both UTC ISO instants). Answers whether it did.
   */
  async closed(
    tenantId: string,
    complaintId: string,
    text: string,
    label: string,
    closedAt: string,
    at: string,
  ): Promise<boolean> {
    await this.added(tenantId, at);
    const kept = await this.examples.update(
      `${tenantId}:complaint:${complaintId}`,
      {
        $set: { tenantId, text, label, source: 'closed', complaintId, addedAt: at },
        $unset: { removed: true },
      },
      { upsert: true, filter: { addedAt: { $lte: closedAt } } },
    );
    return kept !== null;
  }

  /**
   * Stores imported examples: new texts, and known texts with another category (stored again, so
   * they count as added now); a text already stored with the same category is left as it was, so
   * importing a file again adds nothing and makes no retraining due.
   */
  async import(
    tenantId: string,
    examples: readonly LabeledText[],
    at: string,
  ): Promise<{ imported: number; unchanged: number }> {
    const docs = new Map<string, TrainingExample>();
    for (const { text, label } of examples) {
      const _id = `${tenantId}:import:${digest(text)}`;
      docs.set(_id, { _id, tenantId, text, label, source: 'import', complaintId: null, addedAt: at });
    }
    const stored = new Map((await this.examples.getMany([...docs.keys()])).map((doc) => [doc._id, doc]));
    const changed = [...docs.values()].filter((doc) => stored.get(doc._id)?.label !== doc.label);
    if (changed.length > 0) await this.added(tenantId, at);
    await this.examples.putMany(changed);
    return { imported: changed.length, unchanged: docs.size - changed.length };
  }

  /**
   * Every example of the tenant, imports first; the human-confirmed ones (`corrections`: handlers'
   * corrections and closed complaints' final categories) then win over equal texts.
   */
  async all(tenantId: string): Promise<{ imported: LabeledText[]; corrections: LabeledText[] }> {
    const imported: LabeledText[] = [];
    const corrections: LabeledText[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.examples.find({ tenantId }, { limit: 1000, cursor });
      for (const { text, label, source, removed } of page.items) {
        if (removed) continue;
        (source === 'import' ? imported : corrections).push({ text, label });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { imported, corrections };
  }

  /** How many of the tenant's examples count (not removed). */
  count(tenantId: string): Promise<number> {
    return this.examples.count({ tenantId, removed: null });
  }

  /** A page of the tenant's examples, the latest added first, and how many match. */
  async list(
    tenantId: string,
    filter: ExampleFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: TrainingExample[]; nextCursor: string | null; total: number }> {
    const query: Filter = {
      tenantId,
      removed: filter.removed ? { $ne: null } : null,
      ...(filter.label !== undefined && { label: filter.label }),
      ...(filter.source !== undefined && { source: filter.source }),
    };
    const [found, total] = await Promise.all([
      this.examples.find(query, { ...page, sort: { field: 'addedAt', direction: -1 } }),
      this.examples.count(query),
    ]);
    return { ...found, total };
  }

  /**
   * Takes the example out of training. Null when the tenant has no such example; an example already
   * removed is answered as it is.
   */
  async remove(tenantId: string, id: string, removal: ExampleRemoval): Promise<TrainingExample | null> {
    const _id = `${tenantId}:${id}`;
    await this.added(tenantId, removal.at);
    const removed = await this.examples.update(
      _id,
      { $set: { removed: removal, addedAt: removal.at } },
      { filter: { tenantId, removed: null } },
    );
    return removed ?? (await this.examples.get(_id));
  }

  /** How many of the tenant's examples were added (or replaced) after `since`, an ISO time. */
  addedSince(tenantId: string, since: string): Promise<number> {
    return this.examples.count({ tenantId, addedAt: { $gt: since } });
  }

  /** The tenants with an example added (or replaced) after `since` ('': every tenant with examples). */
  async tenantsAddedToSince(since: string): Promise<string[]> {
    const tenants: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.tenants.find({ lastAddedAt: { $gt: since } }, { limit: 1000, cursor });
      tenants.push(...page.items.map((t) => t._id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return tenants;
  }

  /**
   * Marks the tenant as added to at `at`. Written before the example itself: a crash in between
   * leaves at worst a tenant checked for nothing, never an example no check looks for.
   */
  private async added(tenantId: string, at: string): Promise<void> {
    await this.tenants.update(tenantId, { $max: { lastAddedAt: at } }, { upsert: true });
  }

  /** Fills the tenant index from the examples once, for examples stored before it existed. */
  private async indexTenants(): Promise<void> {
    if ((await this.tenants.count()) > 0 || (await this.examples.count()) === 0) return;
    const latest = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.examples.find({}, { limit: 1000, cursor });
      for (const { tenantId, addedAt } of page.items) {
        if (addedAt > (latest.get(tenantId) ?? '')) latest.set(tenantId, addedAt);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    for (const [tenantId, at] of latest) await this.added(tenantId, at);
  }
}
