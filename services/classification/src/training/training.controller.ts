import { InvalidInputError } from '@kesu/kernel';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { BodyLimit, CLOCK, CurrentPrincipal, type Principal, Role, Roles } from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import { authorOf } from '../settings/classification-settings.controller';
import { ImportExamplesDto } from '../settings/settings.dto';
import { TenantSettings } from '../settings/tenant-settings.service';
import { type ModelProduction, ModelOutcomes } from './model-outcomes';
import { ModelTraining, type TrainingStarted } from './model-training.service';
import { type ModelVersion, TextModels } from './text-models';
import { ReasonDto } from '../reason.dto';
import { ExampleListQuery, TrainModelDto } from './training.dto';
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

/** The tenant's model versions, newest first, each with how it has fared in production. */
export interface ModelList {
  readonly active: number | null;
  readonly training: boolean;
  readonly versions: (ModelVersion & { readonly production: ModelProduction })[];
}

/** The id part after the tenant: an import's text digest, or a complaint's id. */
const EXAMPLE_ID =
  /^(import:[0-9a-f]{32}|complaint:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Most field errors one import answer names. */
const MAX_ERRORS = 50;
/** The largest import body: 5000 examples of up to 5000 characters need more than the default. */
export const IMPORT_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

/** The learning loop: labeled examples in, models trained in the background, versions out. */
@Controller('api/v1/classification')
export class TrainingController {
  constructor(
    private readonly settings: TenantSettings,
    private readonly examples: TrainingExamples,
    private readonly training: ModelTraining,
    private readonly models: TextModels,
    private readonly outcomes: ModelOutcomes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Bulk import of labeled texts (≤ 5000 per call, ≤ 20 MiB); each category must be in the taxonomy.
   * The tenant's model is then retrained if its `autoRetrainAfter` policy says it is due.
   */
  @Post('training-examples')
  @HttpCode(202)
  @Roles(Role.admin)
  @BodyLimit(IMPORT_BODY_LIMIT_BYTES)
  async importExamples(
    @Body() body: ImportExamplesDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ imported: number; unchanged: number; total: number }> {
    const taxonomy = await this.settings.taxonomy(principal.tenantId);
    const codes = new Set(taxonomy.categories.map((c) => c.code));
    const unknown = body.examples
      .map((e, i) => ({ field: `examples[${i}].category`, category: e.category }))
      .filter((e) => !codes.has(e.category));
    if (unknown.length > 0) {
      throw new InvalidInputError(
        unknown.slice(0, MAX_ERRORS).map(({ field, category }) => ({
          field,
          message: `category "${category}" is not in the tenant's taxonomy (version ${taxonomy.version})`,
        })),
      );
    }
    const { imported, unchanged } = await this.examples.import(
      principal.tenantId,
      body.examples.map((e) => ({ text: e.text, label: e.category })),
      this.clock.now().toISOString(),
    );
    const total = await this.examples.count(principal.tenantId);
    await this.training.retrainIfDue(principal.tenantId);
    return { imported, unchanged, total };
  }

  /**
   * The tenant's training examples, the latest added first, with how many match: by category and
   * source; `removed=true` lists those taken out of training, with who, why and when.
   */
  @Get('training-examples')
  @Roles(Role.admin)
  async listExamples(
    @Query() query: ExampleListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: ExampleView[]; nextCursor: string | null; total: number }> {
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

  /**
   * Takes a wrong example out of training (a mislabeled import, a mistaken correction): it no longer
   * counts from the next training on, and importing its text again with the same category does not
   * bring it back. A later correction or closing of the complaint is a new judgement and does.
   */
  @Post('training-examples/:id/removal')
  @HttpCode(200)
  @Roles(Role.admin)
  async removeExample(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExampleView> {
    if (!EXAMPLE_ID.test(id)) {
      throw new InvalidInputError([
        { field: 'id', message: 'id must be an example id: import:<digest> or complaint:<complaint id>' },
      ]);
    }
    const removed = await this.examples.remove(principal.tenantId, id, {
      by: principal.userId,
      reason: body.reason,
      at: this.clock.now().toISOString(),
    });
    if (!removed) throw new NotFoundException(`The tenant has no training example ${id}.`);
    await this.training.retrainIfDue(principal.tenantId);
    return toExampleView(principal.tenantId, removed);
  }

  /** Trains a model now, on a worker thread; `GET …/models` shows the outcome. */
  @Post('models')
  @HttpCode(202)
  @Roles(Role.admin)
  train(@Body() body: TrainModelDto, @CurrentPrincipal() principal: Principal): Promise<TrainingStarted> {
    const { algorithm, c, alpha } = (body as TrainModelDto | undefined) ?? {};
    return this.training.start(authorOf(principal), {
      ...(algorithm !== undefined && { algorithm }),
      ...(c !== undefined && { c }),
      ...(alpha !== undefined && { alpha }),
    });
  }

  /**
   * Makes an earlier version the active model again (a rollback), with the reason; answers the
   * versions as `GET …/models` does.
   */
  @Post('models/:version/activation')
  @HttpCode(200)
  @Roles(Role.admin)
  async activate(
    @Param('version') version: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ModelList> {
    if (!/^[1-9]\d{0,8}$/.test(version)) {
      throw new InvalidInputError([{ field: 'version', message: 'version must be a whole number from 1' }]);
    }
    await this.training.activate(authorOf(principal), Number(version), body.reason);
    return this.list(principal);
  }

  @Get('models')
  @Roles(Role.admin, Role.supervisor, Role.director, Role.analyst, Role.regulator)
  async list(@CurrentPrincipal() principal: Principal): Promise<ModelList> {
    const { tenantId } = principal;
    const { active, versions } = await this.models.versions(tenantId);
    const withProduction = await Promise.all(
      versions.map(async (v) => ({ ...v, production: await this.outcomes.production(tenantId, v.version) })),
    );
    return { active, training: this.training.isTraining(tenantId), versions: withProduction };
  }
}

function toExampleView(tenantId: string, example: TrainingExample): ExampleView {
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
