import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, IsText, type Principal, Role, Roles } from '@kesu/platform';
import { GetRollupBuildsQuery, type RollupBuildsView, StartRollupRebuildCommand } from './kpi-rebuilds';

/** Body of `POST /api/v1/analytics/rollups/rebuilds`. */
export class StartRebuildDto {
  /** Why the rollups are rebuilt (written to the service's log with who asked). */
  @IsText(1, 500)
  reason!: string;
}

/** The KPI rollups' builds for operators: their state and progress, and a rebuild beside the live one. */
@Controller('api/v1/analytics/rollups')
export class KpiRebuildsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Roles(Role.admin)
  builds(): Promise<RollupBuildsView> {
    return this.queries.execute(new GetRollupBuildsQuery());
  }

  /** Starts a rebuild (202): follow its progress on `GET /api/v1/analytics/rollups`. */
  @Post('rebuilds')
  @HttpCode(202)
  @Roles(Role.admin)
  rebuild(
    @Body() body: StartRebuildDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RollupBuildsView> {
    return this.commands.execute(new StartRollupRebuildCommand(principal, body.reason));
  }
}
