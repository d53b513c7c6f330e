import { Inject, Injectable } from '@nestjs/common';
import {
  Command,
  CommandHandler,
  type ICommandHandler,
  type IQueryHandler,
  Query,
  QueryHandler,
} from '@nestjs/cqrs';
import { type ServiceVolumeRecorded, serviceVolumesStream } from '@kesu/analytics-contracts';
import {
  type ServiceVolumes,
  serviceVolumesDecider,
  VOLUME_MEASURES,
  type VolumeMeasure,
} from '@kesu/analytics-domain';
import { type EventTypeRegistry, fold, InvalidInputError } from '@kesu/kernel';
import { type Caller, EVENT_STORE, IsOrgUnitId, OrgDirectory, UserCommands } from '@kesu/platform';
import type { EventStore } from '@kesu/ports';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { ANALYTICS_EVENTS } from '../analytics-events';

/** Body of `PUT /api/v1/analytics/volumes`: one unit's volume of one month. */
export class PutServiceVolumeDto {
  @IsOrgUnitId()
  unitId!: string;

  /** `YYYY-MM`. */
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month (YYYY-MM)' })
  month!: string;

  @IsIn(VOLUME_MEASURES)
  measure!: VolumeMeasure;

  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  volume!: number;
}

/** One volume as listed. */
export interface ServiceVolumeEntry {
  readonly unitId: string;
  readonly month: string;
  readonly measure: string;
  readonly volume: number;
}

/** The tenant's service volumes, folded from `analytics-volumes-<tenant>`. */
@Injectable()
export class ServiceVolumesStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
  ) {}

  async of(tenantId: string): Promise<ServiceVolumes> {
    const events = await this.store.readStream(serviceVolumesStream(tenantId));
    return fold(
      serviceVolumesDecider,
      events.map((event) => this.registry.toDomain<ServiceVolumeRecorded>(event)),
    );
  }
}

const entriesOf = (volumes: ServiceVolumes): ServiceVolumeEntry[] =>
  [...volumes]
    .map(([key, volume]) => {
      const [unitId, month, measure] = key.split('|') as [string, string, string];
      return { unitId, month, measure, volume };
    })
    .sort((a, b) => (a.month + a.unitId + a.measure < b.month + b.unitId + b.measure ? -1 : 1));

/** List the tenant's volumes. */
export class ListServiceVolumesQuery extends Query<{ items: ServiceVolumeEntry[] }> {
  constructor(readonly tenantId: string) {
    super();
  }
}

@QueryHandler(ListServiceVolumesQuery)
export class ListServiceVolumesHandler implements IQueryHandler<ListServiceVolumesQuery> {
  constructor(private readonly volumes: ServiceVolumesStore) {}

  async execute({ tenantId }: ListServiceVolumesQuery): Promise<{ items: ServiceVolumeEntry[] }> {
    return { items: entriesOf(await this.volumes.of(tenantId)) };
  }
}

/** The tenant supplies a unit's volume of a month (an event; the same volume again records nothing). */
export class RecordServiceVolumeCommand extends Command<{ items: ServiceVolumeEntry[] }> {
  constructor(
    readonly caller: Caller,
    readonly body: PutServiceVolumeDto,
  ) {
    super();
  }
}

@CommandHandler(RecordServiceVolumeCommand)
export class RecordServiceVolumeHandler implements ICommandHandler<RecordServiceVolumeCommand> {
  constructor(
    @Inject(ANALYTICS_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly commands: UserCommands,
    private readonly directory: OrgDirectory,
  ) {}

  async execute({ caller, body }: RecordServiceVolumeCommand): Promise<{ items: ServiceVolumeEntry[] }> {
    const { tenantId } = caller.principal;
    if (!this.directory.unit(tenantId, body.unitId)) {
      throw new InvalidInputError([{ field: 'unitId', message: `unitId ${body.unitId} is not an org unit` }]);
    }
    const result = await this.commands.changeTenantSettings({
      caller,
      streamId: serviceVolumesStream(tenantId),
      decider: serviceVolumesDecider,
      registry: this.registry,
      action: 'RecordServiceVolume',
      input: body,
      command: (at: string) => ({
        type: 'RecordServiceVolume' as const,
        unitId: body.unitId,
        month: body.month,
        measure: body.measure,
        volume: body.volume,
        at,
      }),
    });
    return { items: entriesOf(result.state) };
  }
}
