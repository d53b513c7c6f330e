import { Body, Controller, Get, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { type Caller, CurrentCaller, CurrentPrincipal, type Principal, Role, Roles } from '@kesu/platform';
import {
  ListServiceVolumesQuery,
  PutServiceVolumeDto,
  RecordServiceVolumeCommand,
  type ServiceVolumeEntry,
} from './service-volumes';

/**
 * The tenant's service volumes per unit and month (customers, transactions or accounts), the
 * denominators of the complaint rate (投诉率) the KPIs give. Read by administrators and analysts,
 * supplied by administrators, each a ServiceVolumeRecorded.
 */
@Controller('api/v1/analytics/volumes')
export class ServiceVolumesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Roles(Role.admin, Role.analyst)
  list(@CurrentPrincipal() principal: Principal): Promise<{ items: ServiceVolumeEntry[] }> {
    return this.queries.execute(new ListServiceVolumesQuery(principal.tenantId));
  }

  @Put()
  @Roles(Role.admin)
  record(
    @Body() body: PutServiceVolumeDto,
    @CurrentCaller() caller: Caller,
  ): Promise<{ items: ServiceVolumeEntry[] }> {
    return this.commands.execute(new RecordServiceVolumeCommand(caller, body));
  }
}
