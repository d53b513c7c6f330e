import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { LabeledText } from '@kesu/classification-domain';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { Collection, Document, DocumentStore } from '@kesu/ports';

export const TRAINING_EXAMPLES = 'classification_examples';

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
  readonly addedAt: string;
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
 */
@Injectable()
export class TrainingExamples implements OnModuleInit {
  private readonly examples: Collection<TrainingExample>;

  constructor(@Inject(DOCUMENT_STORE) documents: DocumentStore) {
    this.examples = documents.collection<TrainingExample>(TRAINING_EXAMPLES);
  }

  async onModuleInit(): Promise<void> {
    await this.examples.ensureIndex(['tenantId', 'source']);
  }

  correction(tenantId: string, complaintId: string, text: string, label: string, at: string): Promise<void> {
    return this.examples.put({
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
    const kept = await this.examples.update(
      `${tenantId}:complaint:${complaintId}`,
      { $set: { tenantId, text, label, source: 'closed', complaintId, addedAt: at } },
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
      for (const { text, label, source } of page.items) {
        (source === 'import' ? imported : corrections).push({ text, label });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { imported, corrections };
  }

  count(tenantId: string): Promise<number> {
    return this.examples.count({ tenantId });
  }

  /**
   * How many examples were added (or replaced) after `since`, an ISO time: per tenant, or only for
   * `tenantId` when given. What automatic retraining counts.
   */
  async addedSince(since: string, tenantId?: string): Promise<Map<string, number>> {
    if (tenantId !== undefined) {
      return new Map([[tenantId, await this.examples.count({ tenantId, addedAt: { $gt: since } })]]);
    }
    const added = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await this.examples.find({ addedAt: { $gt: since } }, { limit: 1000, cursor });
      for (const { tenantId } of page.items) added.set(tenantId, (added.get(tenantId) ?? 0) + 1);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return added;
  }
}
