import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@kesu/platform';
import { type ModelProduction, ModelOutcomes } from './model-outcomes';
import { ModelTraining } from './model-training.service';
import { type ModelVersion, TextModels } from './text-models';

/** The tenant's model versions, newest first, each with how it has fared in production. */
export interface ModelList {
  readonly active: number | null;
  readonly training: boolean;
  readonly versions: (ModelVersion & { readonly production: ModelProduction })[];
  /** The model stream's revision (-1: nothing trained yet): what an activation's If-Match names. */
  readonly revision: number;
}

/** The tenant's models as `GET /api/v1/classification/models` lists them. */
@Injectable()
export class ModelListing {
  constructor(
    private readonly models: TextModels,
    private readonly outcomes: ModelOutcomes,
    private readonly training: ModelTraining,
  ) {}

  async list(tenantId: string): Promise<ModelList> {
    const { active, versions, revision } = await this.models.versions(tenantId);
    const withProduction = await Promise.all(
      versions.map(async (v) => ({ ...v, production: await this.outcomes.production(tenantId, v.version) })),
    );
    return { active, training: this.training.isTraining(tenantId), versions: withProduction, revision };
  }
}

/** The tenant's model versions and how each has fared. */
export class ListModelsQuery extends Query<ModelList> {
  constructor(readonly principal: Principal) {
    super();
  }
}

@QueryHandler(ListModelsQuery)
export class ListModelsHandler implements IQueryHandler<ListModelsQuery> {
  constructor(private readonly listing: ModelListing) {}

  execute({ principal }: ListModelsQuery): Promise<ModelList> {
    return this.listing.list(principal.tenantId);
  }
}
