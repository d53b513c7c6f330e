import { INCIDENT_ID_PATTERN } from '@kesu/classification-contracts';
import { Body, Controller, Get, HttpCode, Param, type PipeTransform, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CollectiveIncident } from '@kesu/classification-domain';
import { InvalidInputError } from '@kesu/kernel';
import {
  answerRevision,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  markReplayed,
  type Principal,
  Roles,
  uuidParam,
} from '@kesu/platform';
import { ReasonDto } from '../reason.dto';
import { GetIncidentQuery } from './get-incident';
import type { CurationOutcome } from './incident-curation';
import {
  INCIDENT_MERGERS,
  INCIDENT_READERS,
  IncidentListQuery,
  type IncidentPage,
  MergeIncidentDto,
} from './incidents.dto';
import { ListIncidentsQuery } from './list-incidents';
import { MergeIncidentCommand } from './merge-incident';
import { RemoveMemberCommand } from './remove-member';

/** 400 (naming `id`) for a path id that is not an incident id. */
class IncidentIdPipe implements PipeTransform<string, string> {
  transform(id: string): string {
    if (!INCIDENT_ID_PATTERN.test(id))
      throw new InvalidInputError([{ field: 'id', message: 'id must be an incident id' }]);
    return id;
  }
}

/**
 * Collective incidents: the list and one incident (queries), a person's merge and removal
 * (commands, with the caller's Idempotency-Key and If-Match). One incident, and each change, answers
 * with its stream's revision as `ETag`; an If-Match the stream has moved past is 412.
 */
@Controller('api/v1/classification')
export class IncidentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Collective incidents within the caller's branch scope, newest window first, as they have grown. */
  @Get('incidents')
  @Roles(...INCIDENT_READERS)
  list(@Query() query: IncidentListQuery, @CurrentPrincipal() principal: Principal): Promise<IncidentPage> {
    return this.queries.execute(new ListIncidentsQuery(principal, query));
  }

  /** One incident as it stands, within the caller's branch scope (404 otherwise). */
  @Get('incidents/:id')
  @Roles(...INCIDENT_READERS)
  async get(
    @Param('id', IncidentIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CollectiveIncident> {
    const { state, revision } = await this.queries.execute(new GetIncidentQuery(principal, id));
    answerRevision(reply, revision);
    return state;
  }

  /**
   * Merges an incident into another about the same matter, with the reason (合并): it takes no more
   * complaints, and its complaints join the other shortly after (each classified again with that
   * incident's complainants). Answers the merged incident; merging it again into the same one
   * changes nothing. Both must lie in the caller's branch scope.
   */
  @Post('incidents/:id/merge')
  @HttpCode(200)
  @Roles(...INCIDENT_MERGERS)
  merge(
    @Param('id', IncidentIdPipe) id: string,
    @Body() body: MergeIncidentDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CollectiveIncident> {
    return answer(reply, this.commands.execute(new MergeIncidentCommand(caller, id, body)));
  }

  /**
   * Takes a complaint that is not about the incident's matter out of it, with the reason: it never
   * joins that incident again, and is classified again without the incident's complainants; its
   * view no longer shows the incident. Answers the incident; removing it again changes nothing.
   */
  @Post('incidents/:id/members/:complaintId/removal')
  @HttpCode(200)
  @Roles(...INCIDENT_MERGERS)
  removeMember(
    @Param('id', IncidentIdPipe) id: string,
    @Param('complaintId', uuidParam('complaintId')) complaintId: string,
    @Body() body: ReasonDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CollectiveIncident> {
    return answer(reply, this.commands.execute(new RemoveMemberCommand(caller, id, complaintId, body)));
  }
}

async function answer(reply: HeaderReply, outcome: Promise<CurationOutcome>): Promise<CollectiveIncident> {
  const { incident, revision, replayed } = await outcome;
  answerRevision(reply, revision);
  markReplayed(reply, replayed);
  return incident;
}
