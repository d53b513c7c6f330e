import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  answerRevision,
  BodyLimit,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import { ReasonDto } from '../reason.dto';
import { ActivateModelCommand } from './activate-model';
import { type ImportAnswer, ImportTrainingExamplesCommand } from './import-examples';
import { type ExamplePage, type ExampleView, ListTrainingExamplesQuery } from './list-examples';
import { ListModelsQuery, type ModelList } from './list-models';
import type { TrainingStarted } from './model-training.service';
import { RemoveTrainingExampleCommand } from './remove-example';
import { TrainModelCommand } from './train-model';
import { ExampleListQuery, ImportExamplesDto, TrainModelDto } from './training.dto';

/** The largest import body: 5000 examples of up to 5000 characters need more than the default. */
export const IMPORT_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

/** The learning loop: labeled examples in, models trained in the background, versions out. */
@Controller('api/v1/classification')
export class TrainingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Bulk import of labeled texts (≤ 5000 per call, ≤ 20 MiB); each category must be in the taxonomy.
   * The tenant's model is then retrained if its `autoRetrainAfter` policy says it is due.
   */
  @Post('training-examples')
  @HttpCode(202)
  @Roles(Role.admin)
  @BodyLimit(IMPORT_BODY_LIMIT_BYTES)
  importExamples(@Body() body: ImportExamplesDto, @CurrentCaller() caller: Caller): Promise<ImportAnswer> {
    return this.commands.execute(new ImportTrainingExamplesCommand(caller, body));
  }

  /**
   * The tenant's training examples, the latest added first, with how many match: by category and
   * source; `removed=true` lists those taken out of training, with who, why and when.
   */
  @Get('training-examples')
  @Roles(Role.admin)
  listExamples(
    @Query() query: ExampleListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExamplePage> {
    return this.queries.execute(new ListTrainingExamplesQuery(principal, query));
  }

  /** Takes a wrong example out of training, with the reason. */
  @Post('training-examples/:id/removal')
  @HttpCode(200)
  @Roles(Role.admin)
  removeExample(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ExampleView> {
    return this.commands.execute(new RemoveTrainingExampleCommand(caller, id, body));
  }

  /** Trains a model now, on a worker thread; `GET …/models` shows the outcome. */
  @Post('models')
  @HttpCode(202)
  @Roles(Role.admin)
  train(@Body() body: TrainModelDto, @CurrentCaller() caller: Caller): Promise<TrainingStarted> {
    return this.commands.execute(new TrainModelCommand(caller, body as TrainModelDto | undefined));
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
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ModelList> {
    const models = await this.commands.execute(new ActivateModelCommand(caller, version, body));
    answerRevision(reply, models.revision);
    return models;
  }

  @Get('models')
  @Roles(Role.admin, Role.supervisor, Role.director, Role.analyst, Role.regulator)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<ModelList> {
    const models = await this.queries.execute(new ListModelsQuery(principal));
    answerRevision(reply, models.revision);
    return models;
  }
}
