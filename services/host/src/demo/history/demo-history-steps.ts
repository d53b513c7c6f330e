import type { Command } from '@nestjs/cqrs';
import {
  AcceptAssignmentCommand,
  DecideProposalCommand,
  EscalateComplaintCommand,
  ExecuteRemediesCommand,
  MakeOfferCommand,
  PlanInvestigationCommand,
  RecordContactCommand,
  RecordCustomerResponseCommand,
  RecordFindingCommand,
  ResolveCaseCommand,
  SubmitProposalCommand,
} from '@kesu/assignment';
import { assignmentStream, caseStream } from '@kesu/assignment-contracts';
import {
  DecideReReviewCommand,
  RecordCallbackCommand,
  ReopenComplaintCommand,
  RequestReReviewCommand,
} from '@kesu/follow-up';
import { followUpStream } from '@kesu/follow-up-contracts';
import {
  AcceptComplaintCommand,
  RegisterComplaintCommand,
  RejectComplaintCommand,
  WithdrawComplaintCommand,
} from '@kesu/intake';
import type { EventStore } from '@kesu/ports';
import type { DemoAction, DemoComplaint } from './demo-history-plan';

/** Who acts in a step (a demo username, or a person id read from the complaint's own events). */
export type Actor = string;

/** The command a step sends, as whom; undefined when the complaint's events give nobody to act. */
export interface StepCommand {
  readonly actor: Actor;
  readonly command: (caller: unknown) => Command<unknown>;
}

const usernameOf = (personId: string | null | undefined): string | undefined =>
  personId?.startsWith('user-') ? personId.slice('user-'.length) : undefined;

/** The data of the last event of a stream that has `field`. */
async function latest(
  store: EventStore,
  stream: string,
  type: string,
): Promise<Record<string, unknown> | undefined> {
  const events = await store.readStream(stream);
  return events.reverse().find((e) => e.type === type)?.data as Record<string, unknown> | undefined;
}

/** The person the complaint is assigned to now (dispatch's events). */
export async function assigneeOf(store: EventStore, complaintId: string): Promise<string | undefined> {
  const events = await store.readStream(assignmentStream(complaintId));
  for (const event of events.reverse()) {
    const { assigneeId } = event.data as { assigneeId?: unknown };
    if (typeof assigneeId === 'string') return usernameOf(assigneeId);
  }
  return undefined;
}

/** The registration body of a planned complaint (the same command as `POST /api/v1/complaints`). */
export function registration(complaint: DemoComplaint, onTheSpot: boolean) {
  const { channel, channelDetails, branchId, complainant, situation, description, emotion } = complaint;
  return (caller: unknown) =>
    new RegisterComplaintCommand(
      caller as never,
      {
        channel,
        ...(channelDetails && { channelDetails }),
        branchId,
        complainant,
        subject: situation.subject,
        description,
        expectedRemedy: situation.expectedRemedy,
        emotion,
        language: 'zh',
        ...(complaint.path === 'collective' && { complainantCount: 1 }),
        ...(onTheSpot && { resolvedOnTheSpot: { remedy: '当场向客户解释并致歉，客户表示满意。' } }),
      } as never,
    );
}

/**
 * The command of a step after registration and who sends it: the branch's first handler accepts or
 * rejects, the agent withdraws, calls back and reopens, the assignee works the case, the approver
 * the proposal names approves it, the reviewer the request names decides the re-review.
 */
export async function stepCommand(
  store: EventStore,
  complaint: DemoComplaint,
  id: string,
  action: DemoAction,
): Promise<StepCommand | undefined> {
  const handler = `handler${['east-1', 'east-2', 'west-1', 'west-2'].indexOf(complaint.branchId) * 5 + 1}`;
  const { agent, situation } = complaint;
  const as = (actor: Actor | undefined, command: (caller: never) => Command<unknown>) =>
    actor ? { actor, command: command as (caller: unknown) => Command<unknown> } : undefined;
  const assignee = async () => assigneeOf(store, id);
  switch (action.kind) {
    case 'register':
      return undefined;
    case 'reject':
      return as(
        handler,
        (c) =>
          new RejectComplaintCommand(c, id, {
            reason: action.reason,
            explanation: '经核实，该诉求不属于本公司受理范围或已另行处理。',
          }),
      );
    case 'withdraw':
      return as(
        agent,
        (c) => new WithdrawComplaintCommand(c, id, { reason: '客户来电表示问题已解决，撤回投诉。' }),
      );
    case 'accept':
      return as(handler, (c) => new AcceptComplaintCommand(c, id, {}));
    case 'take':
      return as(await assignee(), (c) => new AcceptAssignmentCommand(c, id, {}));
    case 'escalate':
      return as(
        await assignee(),
        (c) => new EscalateComplaintCommand(c, id, { reason: '客户情绪激动，诉求超出本部门处理权限。' }),
      );
    case 'contact':
      return as(
        await assignee(),
        (c) =>
          new RecordContactCommand(c, id, { channel: 'phone', reached: true, note: '已致电客户了解诉求。' }),
      );
    case 'investigate':
      return as(
        await assignee(),
        (c) => new PlanInvestigationCommand(c, id, { plan: '联系客户了解情况，调取相关记录核实。' }),
      );
    case 'find': {
      const { facts, rootCause, companyAtFault } = situation.finding;
      return as(
        await assignee(),
        (c) =>
          new RecordFindingCommand(c, id, {
            facts,
            rootCause,
            responsibility: companyAtFault ? 'company_at_fault' : 'not_at_fault',
            staffInvolved: [],
          }),
      );
    }
    case 'propose': {
      const remedies = [
        { type: 'apology' as const },
        ...(action.amount > 0
          ? [
              {
                type: action.compensation ? ('compensation' as const) : ('refund' as const),
                amount: action.amount,
                currency: 'CNY',
              },
            ]
          : []),
      ];
      return as(
        await assignee(),
        (c) => new SubmitProposalCommand(c, id, { remedies, rationale: situation.resolution }),
      );
    }
    case 'approve': {
      const proposal = await latest(store, caseStream(id), 'ProposalSubmitted');
      const approval = proposal?.approval as { required: boolean; approverId: string | null } | undefined;
      if (!approval?.required) return undefined;
      return as(
        usernameOf(approval.approverId),
        (c) => new DecideProposalCommand(c, id, { decision: 'approve', comment: '同意' }),
      );
    }
    case 'offer':
      return as(await assignee(), (c) => new MakeOfferCommand(c, id, {}));
    case 'agree':
      return as(await assignee(), (c) => new RecordCustomerResponseCommand(c, id, { response: 'accepted' }));
    case 'execute': {
      const proposal = await latest(store, caseStream(id), 'ProposalSubmitted');
      const remedies = (proposal?.remedies as { type: string }[] | undefined) ?? [{ type: 'apology' }];
      const references = remedies.map((r, i) => ({
        type: r.type,
        reference: `DEMO-${id.slice(0, 8)}-${i + 1}`,
      }));
      return as(await assignee(), (c) => new ExecuteRemediesCommand(c, id, { references } as never));
    }
    case 'resolve':
      return as(await assignee(), (c) => new ResolveCaseCommand(c, id, { summary: situation.resolution }));
    case 'callback':
      return as(
        agent,
        (c) =>
          new RecordCallbackCommand(
            c,
            id,
            action.answer === 'unreached'
              ? { reached: false, note: '无人接听' }
              : { reached: true, answer: { satisfaction: action.answer, score: scoreOf(action.answer) } },
          ),
      );
    case 'reopen':
      return as(
        agent,
        (c) => new ReopenComplaintCommand(c, id, { reason: 'unsatisfied', note: '客户表示问题仍未解决。' }),
      );
    case 're_review':
      return as(
        agent,
        (c) => new RequestReReviewCommand(c, id, { reason: '客户对处理结果不满意，申请复核。' }),
      );
    case 'decide_re_review': {
      const request = await latest(store, followUpStream(id), 'ReReviewRequested');
      return as(
        usernameOf(request?.reviewerId as string | undefined),
        (c) =>
          new DecideReReviewCommand(c, id, {
            outcome: action.outcome,
            explanation:
              action.outcome === 'upheld'
                ? '经复核，原处理结果恰当，维持原决定。'
                : '经复核，原处理不够充分，重新处理。',
          }),
      );
    }
  }
}

const scoreOf = (level: string): number =>
  level === 'satisfied' ? 5 : level === 'basically_satisfied' ? 4 : 1;
