import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { LabeledText } from '@kesu/classification-domain';
import { DOCUMENT_STORE } from '@kesu/platform';
import type { Collection, Document, DocumentStore } from '@kesu/ports';

export const TRAINING_EXAMPLES = 'classification_examples';

/** One labeled text of a tenant: imported in bulk, or a handler's correction of a complaint. */
export interface TrainingExample extends Document {
  readonly tenantId: string;
  readonly text: string;
  readonly label: string;
  readonly source: 'import' | 'correction';
  readonly complaintId: string | null;
  readonly addedAt: string;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The tenant's labeled texts. A correction is keyed by its complaint, so a later correction of the
 * same complaint replaces it; an import by its text, so importing a file again adds nothing twice.
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

  async import(tenantId: string, examples: readonly LabeledText[], at: string): Promise<number> {
    const docs = new Map<string, TrainingExample>();
    for (const { text, label } of examples) {
      const _id = `${tenantId}:import:${digest(text)}`;
      docs.set(_id, { _id, tenantId, text, label, source: 'import', complaintId: null, addedAt: at });
    }
    await this.examples.putMany([...docs.values()]);
    return docs.size;
  }

  /** Every example of the tenant, imports first; the corrections then win over equal texts. */
  async all(tenantId: string): Promise<{ imported: LabeledText[]; corrections: LabeledText[] }> {
    const imported: LabeledText[] = [];
    const corrections: LabeledText[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.examples.find({ tenantId }, { limit: 1000, cursor });
      for (const { text, label, source } of page.items) {
        (source === 'correction' ? corrections : imported).push({ text, label });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { imported, corrections };
  }

  count(tenantId: string): Promise<number> {
    return this.examples.count({ tenantId });
  }
}
