import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Department, OrgUnitRef, StaffMember } from '@kesu/assignment-contracts';
import {
  answerRevision,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  markReplayed,
  type Principal,
  Role,
  Roles,
} from '@kesu/platform';
import { DIRECTORY_READERS, DUTY_MANAGERS } from './directory-access';
import { PutDepartmentDto, PutDutyDto, PutOrgUnitDto, PutPersonDto, ReasonDto } from './directory.dto';
import { type DirectoryView, GetDirectoryQuery } from './get-directory';
import { PutDepartmentCommand } from './put-department';
import { PutOrgUnitCommand, type RecordOutcome } from './put-org-unit';
import { PutPersonCommand } from './put-person';
import { type RemovalOutcome, type RemovedRecord, RemoveRecordCommand } from './remove-record';
import { SetDutyCommand } from './set-duty';

/**
 * The caller's tenant's directory: its org tree, departments and people, read by its admins and
 * managers and changed by its admins, one record at a time (bulk changes: `DirectoryImportController`).
 * Every change says why and is recorded with who; each answer carries the directory's revision as
 * `ETag`, and a change sent with a stale `If-Match` is 412. Another tenant's directory is never
 * reachable: every route works on the caller's own.
 */
@Controller('api/v1/directory')
export class DirectoryController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Roles(...DIRECTORY_READERS)
  async read(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<DirectoryView> {
    const view = await this.queries.execute(new GetDirectoryQuery(principal.tenantId));
    answerRevision(reply, view.revision);
    return view;
  }

  @Put('units/:unitId')
  @Roles(Role.admin)
  putUnit(
    @Param('unitId') unitId: string,
    @Body() body: PutOrgUnitDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<{ unit: OrgUnitRef; revision: number }> {
    return answer(reply, this.commands.execute(new PutOrgUnitCommand(caller, unitId, body)), 'unit');
  }

  @Post('units/:unitId/removal')
  @HttpCode(200)
  @Roles(Role.admin)
  removeUnit(
    @Param('unitId') unitId: string,
    @Body() body: ReasonDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RemovalOutcome> {
    return this.remove(caller, { kind: 'unit', unitId }, body, reply);
  }

  @Put('departments/:departmentId')
  @Roles(Role.admin)
  putDepartment(
    @Param('departmentId') departmentId: string,
    @Body() body: PutDepartmentDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<{ department: Department; revision: number }> {
    return answer(
      reply,
      this.commands.execute(new PutDepartmentCommand(caller, departmentId, body)),
      'department',
    );
  }

  @Post('departments/:departmentId/removal')
  @HttpCode(200)
  @Roles(Role.admin)
  removeDepartment(
    @Param('departmentId') departmentId: string,
    @Body() body: ReasonDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RemovalOutcome> {
    return this.remove(caller, { kind: 'department', departmentId }, body, reply);
  }

  @Put('people/:personId')
  @Roles(Role.admin)
  putPerson(
    @Param('personId') personId: string,
    @Body() body: PutPersonDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<{ person: StaffMember; revision: number }> {
    return answer(reply, this.commands.execute(new PutPersonCommand(caller, personId, body)), 'person');
  }

  @Post('people/:personId/removal')
  @HttpCode(200)
  @Roles(Role.admin)
  removePerson(
    @Param('personId') personId: string,
    @Body() body: ReasonDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<RemovalOutcome> {
    return this.remove(caller, { kind: 'person', personId }, body, reply);
  }

  /** On or off duty: the person themselves, their managers, or an admin. */
  @Put('people/:personId/duty')
  @Roles(Role.admin, ...DUTY_MANAGERS, Role.handler, Role.agent)
  putDuty(
    @Param('personId') personId: string,
    @Body() body: PutDutyDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<{ person: StaffMember; revision: number }> {
    return answer(reply, this.commands.execute(new SetDutyCommand(caller, personId, body)), 'person');
  }

  private async remove(caller: Caller, removed: RemovedRecord, { reason }: ReasonDto, reply: HeaderReply) {
    const outcome = await this.commands.execute(new RemoveRecordCommand(caller, removed, reason));
    answerRevision(reply, outcome.revision);
    markReplayed(reply, outcome.replayed);
    return outcome;
  }
}

/** The changed record under its name, with the directory's revision (also the `ETag`). */
async function answer<T, K extends string>(
  reply: HeaderReply,
  outcome: Promise<RecordOutcome<T>>,
  name: K,
): Promise<{ [key in K]: T } & { revision: number }> {
  const { record, revision, replayed } = await outcome;
  answerRevision(reply, revision);
  markReplayed(reply, replayed);
  return { [name]: record, revision } as { [key in K]: T } & { revision: number };
}
