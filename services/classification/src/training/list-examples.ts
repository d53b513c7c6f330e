import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@kesu/platform';
import type { ExampleListQuery } from './training.dto';
import { type ExampleRemoval, type TrainingExample, TrainingExamples } from './training-examples';

/** A training example as the API shows it. */
export interface ExampleView {
  /** `import:<digest of the text>` or `complaint:<complaint id>`. */
  readonly id: string;
  readonly text: string;
  readonly category: string;
  readonly source: TrainingExample['source'];
  readonly complaintId: string | null;
  readonly addedAt: string;
  readonly removed: ExampleRemoval | null;
}

/** A page of examples, where the next begins, and how many match. */
export interface ExamplePage {
  readonly items: ExampleView[];
  readonly nextCursor: string | null;
  readonly total: number;
}

/** The tenant's training examples, the latest added first, by category and source. */
export class ListTrainingExamplesQuery extends Query<ExamplePage> {
  constructor(
    readonly principal: Principal,
    readonly query: ExampleListQuery,
  ) {
    super();
  }
}

/** Lists those that count, or (`removed=true`) those taken out of training, with who, why and when. */
@QueryHandler(ListTrainingExamplesQuery)
export class ListTrainingExamplesHandler implements IQueryHandler<ListTrainingExamplesQuery> {
  constructor(private readonly examples: TrainingExamples) {}

  async execute({ principal, query }: ListTrainingExamplesQuery): Promise<ExamplePage> {
    const page = await this.examples.list(
      principal.tenantId,
      {
        ...(query.category !== undefined && { label: query.category }),
        ...(query.source !== undefined && { source: query.source }),
        removed: query.removed === 'true',
      },
      { limit: query.limit ?? 50, ...(query.cursor !== undefined && { cursor: query.cursor }) },
    );
    return { ...page, items: page.items.map((e) => toExampleView(principal.tenantId, e)) };
  }
}

export function toExampleView(tenantId: string, example: TrainingExample): ExampleView {
  const { _id, text, label, source, complaintId, addedAt, removed } = example;
  return {
    id: _id.slice(tenantId.length + 1),
    text,
    category: label,
    source,
    complaintId,
    addedAt,
    removed: removed ?? null,
  };
}
