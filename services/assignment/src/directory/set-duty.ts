import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StaffMember } from '@kesu/assignment-contracts';
import { coversUnit } from '@kesu/assignment-domain';
import { ForbiddenError, NotFoundError } from '@kesu/kernel';
import { type Caller, type Principal, Role } from '@kesu/platform';
import { DUTY_MANAGERS } from './directory-access';
import { DirectoryChanges } from './directory-changes';
import { DirectoryStates } from './directory-states';
import type { PutDutyDto } from './directory.dto';
import type { RecordOutcome } from './put-org-unit';

/**
 * A person goes on or off duty: set by themselves, by a tenant admin, or by a supervisor, branch
 * manager or director whose units cover every unit the person acts in. A person outside a manager's
 * units is 404 to them; anyone else's duty is not a handler's or an agent's to set (403).
 */
export class SetDutyCommand extends Command<RecordOutcome<StaffMember>> {
  constructor(
    readonly caller: Caller,
    readonly personId: string,
    readonly body: PutDutyDto,
  ) {
    super();
  }
}

@CommandHandler(SetDutyCommand)
export class SetDutyHandler implements ICommandHandler<SetDutyCommand> {
  constructor(
    private readonly changes: DirectoryChanges,
    private readonly states: DirectoryStates,
  ) {}

  async execute({ caller, personId, body }: SetDutyCommand): Promise<RecordOutcome<StaffMember>> {
    const { principal } = caller;
    await this.assertMayManage(principal, personId);
    const { onDuty, reason } = body;
    const outcome = await this.changes.run({
      caller,
      tenantId: principal.tenantId,
      action: 'SetDuty',
      input: { personId, onDuty, reason },
      command: () => ({ type: 'SetDuty', personId, onDuty, by: principal.userId, reason }),
    });
    return {
      record: outcome.state.people.get(personId)!,
      revision: outcome.revision,
      replayed: outcome.replayed,
    };
  }

  private async assertMayManage(principal: Principal, personId: string): Promise<void> {
    if (principal.roles.includes(Role.admin) || principal.userId === personId) return;
    if (!principal.roles.some((role) => DUTY_MANAGERS.includes(role as (typeof DUTY_MANAGERS)[number])))
      throw new ForbiddenError(
        'directory.duty_not_yours',
        'Only the person, their managers or an admin set their duty.',
      );
    const { state } = await this.states.current(principal.tenantId, { fresh: true });
    const person = state.people.get(personId);
    const within =
      person !== undefined &&
      person.unitIds.length > 0 &&
      person.unitIds.every((unitId) => coversUnit(state.units, principal.branchScope, unitId));
    if (!within) throw new NotFoundError('person.not_found', `There is no person ${personId} in your units.`);
  }
}
