import {
  Command,
  CommandHandler,
  type ICommandHandler,
  type IQueryHandler,
  Query,
  QueryHandler,
} from '@nestjs/cqrs';
import { Logger } from '@nestjs/common';
import { DomainRuleViolation } from '@kesu/kernel';
import type { Principal } from '@kesu/platform';
import { KpiBuilds } from './kpi-builds';
import { KPI_ROLLUP_VERSION } from './kpi-rollup-store';
import { KpiRollupWorker } from './kpi-rollup.worker';

/** The rollups' builds as operators see them: the live one, the one building with its progress. */
export interface RollupBuildsView {
  readonly foldVersion: number;
  readonly live: string | null;
  readonly switchedAt: string | null;
  readonly building: {
    readonly build: string;
    readonly startedAt: string;
    readonly position: number;
    readonly head: number;
    /** Position of head, in percent with one decimal (null before the head was first looked at). */
    readonly progress: number | null;
  } | null;
}

async function viewOf(builds: KpiBuilds): Promise<RollupBuildsView> {
  const { live, switchedAt, building } = await builds.state();
  return {
    foldVersion: KPI_ROLLUP_VERSION,
    live,
    switchedAt,
    building: building && {
      ...building,
      progress: building.head === 0 ? null : Math.round((building.position / building.head) * 1000) / 10,
    },
  };
}

/** Read the rollups' builds and a rebuild's progress. */
export class GetRollupBuildsQuery extends Query<RollupBuildsView> {}

@QueryHandler(GetRollupBuildsQuery)
export class GetRollupBuildsHandler implements IQueryHandler<GetRollupBuildsQuery> {
  constructor(private readonly builds: KpiBuilds) {}

  execute(): Promise<RollupBuildsView> {
    return viewOf(this.builds);
  }
}

/**
 * Start rebuilding the rollups from the event store beside the live build; queries keep reading the
 * live one until the new one has caught up, then it becomes live in one write. One rebuild at a time.
 */
export class StartRollupRebuildCommand extends Command<RollupBuildsView> {
  constructor(
    readonly principal: Principal,
    readonly reason: string,
  ) {
    super();
  }
}

@CommandHandler(StartRollupRebuildCommand)
export class StartRollupRebuildHandler implements ICommandHandler<StartRollupRebuildCommand> {
  constructor(
    private readonly builds: KpiBuilds,
    private readonly worker: KpiRollupWorker,
  ) {}

  private readonly logger = new Logger(StartRollupRebuildHandler.name);

  async execute({ principal, reason }: StartRollupRebuildCommand): Promise<RollupBuildsView> {
    const { building } = await this.builds.state();
    if (building !== null) {
      throw new DomainRuleViolation(
        'rollups.rebuild_running',
        `build ${building.build} is being built: wait until it is live`,
      );
    }
    const build = await this.worker.rebuild();
    this.logger.log(
      `rollups ${build} rebuilding, asked by ${principal.tenantId}/${principal.userId}: ${reason}`,
    );
    return viewOf(this.builds);
  }
}
