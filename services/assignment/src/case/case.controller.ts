import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  answerCommand,
  answerRevision,
  type Caller,
  CurrentCaller,
  CurrentPrincipal,
  type HeaderReply,
  type Principal,
  Roles,
  uuidParam,
} from '@kesu/platform';
import { AddCaseNoteCommand } from './add-case-note';
import { AddEvidenceReferenceCommand } from './add-evidence-reference';
import { CASE_ROLES } from './case-actions';
import {
  AddCaseNoteDto,
  AddEvidenceReferenceDto,
  DecideProposalDto,
  EndWaitingDto,
  ExecuteRemediesDto,
  MakeOfferDto,
  PlanInvestigationDto,
  RecordContactDto,
  RecordCustomerResponseDto,
  RecordFindingDto,
  ReferCaseDto,
  ResolveCaseDto,
  StartWaitingDto,
  SubmitProposalDto,
} from './case.dto';
import { DecideProposalCommand } from './decide-proposal';
import { EndWaitingCommand } from './end-waiting';
import { ExecuteRemediesCommand } from './execute-remedies';
import { type CaseView, GetCaseQuery } from './get-case';
import { type CaseFileView, GetCaseFileQuery } from './get-case-file';
import { MakeOfferCommand } from './make-offer';
import { PlanInvestigationCommand } from './plan-investigation';
import { RecordContactCommand } from './record-contact';
import { RecordCustomerResponseCommand } from './record-customer-response';
import { RecordFindingCommand } from './record-finding';
import { ReferCaseCommand } from './refer-case';
import { ResolveCaseCommand } from './resolve-case';
import { ReviseProposalCommand } from './revise-proposal';
import { StartWaitingCommand } from './start-waiting';
import { SubmitProposalCommand } from './submit-proposal';

/**
 * Case work on a complaint (investigation, finding, proposals and approvals, negotiation, execution,
 * resolution): each action a command on the bus answering `202 { complaintId, status, revision }` —
 * the case's stage and the revision of its case stream, what If-Match names (412 when stale) —, with
 * `Idempotent-Replayed: true` when it repeats an earlier request. 403 beyond one's role or authority,
 * 404 outside one's scope, 409 for an action the lifecycle forbids now (naming the state and the
 * actions allowed).
 */
@Controller('api/v1/complaints/:id')
@Roles(...CASE_ROLES)
export class CaseController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** The case file: the plan, the notes, the evidence (references, and files with hash, size, type) and the finding. */
  @Get('case/file')
  async file(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CaseFileView> {
    const file = await this.queries.execute(new GetCaseFileQuery(principal, id));
    answerRevision(reply, file.revision);
    return file;
  }

  @Get('case')
  async read(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<CaseView> {
    const view = await this.queries.execute(new GetCaseQuery(principal, id));
    answerRevision(reply, view.revision);
    return view;
  }

  @Post('investigation')
  @HttpCode(202)
  plan(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: PlanInvestigationDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new PlanInvestigationCommand(caller, id, body)));
  }

  @Post('notes')
  @HttpCode(202)
  note(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AddCaseNoteDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new AddCaseNoteCommand(caller, id, body)));
  }

  @Post('evidence')
  @HttpCode(202)
  evidence(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AddEvidenceReferenceDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new AddEvidenceReferenceCommand(caller, id, body)));
  }

  @Post('contacts')
  @HttpCode(202)
  contact(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordContactDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new RecordContactCommand(caller, id, body)));
  }

  @Post('waiting')
  @HttpCode(202)
  startWaiting(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: StartWaitingDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new StartWaitingCommand(caller, id, body)));
  }

  @Post('waiting/end')
  @HttpCode(202)
  endWaiting(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: EndWaitingDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new EndWaitingCommand(caller, id, body)));
  }

  @Post('findings')
  @HttpCode(202)
  finding(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordFindingDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new RecordFindingCommand(caller, id, body)));
  }

  @Post('resolution-proposals')
  @HttpCode(202)
  propose(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SubmitProposalDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new SubmitProposalCommand(caller, id, body)));
  }

  @Post('resolution-proposals/revisions')
  @HttpCode(202)
  revise(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: SubmitProposalDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new ReviseProposalCommand(caller, id, body)));
  }

  @Post('approvals')
  @HttpCode(202)
  decide(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: DecideProposalDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new DecideProposalCommand(caller, id, body)));
  }

  @Post('negotiation/offers')
  @HttpCode(202)
  offer(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: MakeOfferDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new MakeOfferCommand(caller, id, body)));
  }

  @Post('negotiation/responses')
  @HttpCode(202)
  respond(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: RecordCustomerResponseDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new RecordCustomerResponseCommand(caller, id, body)));
  }

  @Post('referrals')
  @HttpCode(202)
  refer(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ReferCaseDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new ReferCaseCommand(caller, id, body)));
  }

  @Post('execution')
  @HttpCode(202)
  execute(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ExecuteRemediesDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new ExecuteRemediesCommand(caller, id, body)));
  }

  @Post('resolve')
  @HttpCode(202)
  resolve(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ResolveCaseDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: HeaderReply,
  ) {
    return answerCommand(reply, this.commands.execute(new ResolveCaseCommand(caller, id, body)));
  }
}
