import { Inject, Injectable } from '@nestjs/common';
import { type CaseEvent, type CaseSettings, caseStream } from '@kesu/assignment-contracts';
import {
  type CaseActor,
  type CaseCommand,
  caseDecider,
  type CaseDispatchStatus,
  type CaseState,
  type TierHolders,
} from '@kesu/assignment-domain';
import { intakeStream } from '@kesu/intake-contracts';
import type { EventTypeRegistry } from '@kesu/kernel';
import { type Caller, Role, UserCommands } from '@kesu/platform';
import { CaseContexts } from './case-context';
import { CASE_EVENTS } from './case-events';
import { CaseSettingsReader } from './case-settings';

/** Who works cases from HTTP: handlers and those above them (approvers included). */
export const CASE_ROLES = [Role.handler, Role.supervisor, Role.branchManager, Role.director, Role.admin];

/** The answer of every case action: `202 { complaintId, status, revision }`. */
export interface CaseActionResult {
  readonly complaintId: string;
  /** The case's stage after the action (`investigating`, `awaiting_approval`, `negotiating`, …). */
  readonly status: string;
  /** The revision of the complaint's case stream: what the next If-Match names. */
  readonly revision: number;
  readonly waiting: string | null;
}

export interface CaseActionOutcome {
  readonly result: CaseActionResult;
  readonly replayed: boolean;
}

/** What a command is built from: the person on the case, dispatch's status, the chain, the settings. */
export interface CaseCommandContext {
  readonly base: {
    readonly complaintId: string;
    readonly actor: CaseActor;
    readonly dispatch: CaseDispatchStatus;
    readonly at: string;
  };
  readonly holders: TierHolders;
  readonly settings: CaseSettings;
}

export const caseResult = (complaintId: string, state: CaseState, revision: number): CaseActionResult => ({
  complaintId,
  status: state.stage,
  revision,
  waiting: state.waiting,
});

/**
 * Runs a person's case command through `UserCommands`: 404 unless the complaint lies in the caller's
 * tenant and branch scope, a repeated Idempotency-Key answered as it was, the If-Match revision of the
 * case stream checked (412), decided by the case decider with the caller placed on the case.
 */
@Injectable()
export class CaseActions {
  constructor(
    private readonly commands: UserCommands,
    @Inject(CASE_EVENTS) private readonly registry: EventTypeRegistry,
    private readonly contexts: CaseContexts,
    private readonly settings: CaseSettingsReader,
  ) {}

  async run(
    caller: Caller,
    complaintId: string,
    action: CaseCommand['type'],
    input: object,
    command: (context: CaseCommandContext) => CaseCommand | Promise<CaseCommand>,
  ): Promise<CaseActionOutcome> {
    const { tenantId } = caller.principal;
    const handled = await this.commands.execute<CaseCommand, CaseEvent, CaseState>({
      caller,
      streamId: caseStream(complaintId),
      scopeStreamId: intakeStream(complaintId),
      decider: caseDecider,
      registry: this.registry,
      action,
      input,
      command: async (at) => {
        const [context, settings] = await Promise.all([
          this.contexts.of(tenantId, complaintId),
          this.settings.settingsOf(tenantId),
        ]);
        const actor = this.contexts.actorOf(caller.principal, context);
        return command({
          base: { complaintId, actor, dispatch: context.dispatch, at },
          holders: context.holders,
          settings,
        });
      },
      notFound: { code: 'complaint.not_found', message: `complaint ${complaintId} not found` },
    });
    return { result: caseResult(complaintId, handled.state, handled.revision), replayed: handled.replayed };
  }
}
