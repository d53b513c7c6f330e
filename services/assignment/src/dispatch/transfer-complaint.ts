import type { StaffDirectory } from '@kesu/assignment-contracts';
import { assertCanTransfer } from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '@kesu/kernel';
import type { Caller } from '@kesu/platform';
import { STAFF_DIRECTORY } from '../staff-directory';
import { type AssignmentActionOutcome, AssignmentActions, supervises } from './assignment-actions';
import type { TransferComplaintDto } from './assignment-actions.dto';
import { Placements } from './placements';
import { RoutingPolicies } from './routing-policies';

/** Transfer the complaint to another department with a reason (转派). */
export class TransferComplaintCommand extends Command<AssignmentActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: TransferComplaintDto,
  ) {
    super();
  }
}

/**
 * The holder (or a supervisor) sends the complaint to another department of the tenant, where
 * dispatch chooses a handler (not the one handing it on; skills in the category the transfer
 * disputes are not asked), or queues it with the head alerted. A
 * holder's transfers stop at the tenant's limit (`maxTransfers`, default 2): beyond it a supervisor
 * decides (409). An unknown department is 400 naming `departmentId`.
 */
@CommandHandler(TransferComplaintCommand)
export class TransferComplaintHandler implements ICommandHandler<TransferComplaintCommand> {
  constructor(
    private readonly actions: AssignmentActions,
    private readonly placements: Placements,
    private readonly policies: RoutingPolicies,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
  ) {}

  execute({ caller, complaintId, body }: TransferComplaintCommand): Promise<AssignmentActionOutcome> {
    const { userId, tenantId } = caller.principal;
    const by = { personId: userId, supervises: supervises(caller) };
    return this.actions.run(
      caller,
      complaintId,
      'TransferComplaint',
      body,
      async (before, _record, at, cause) => {
        const [department, policy] = await Promise.all([
          this.directory.department(tenantId, body.departmentId),
          this.policies.policyOf(tenantId),
        ]);
        if (!department)
          throw new InvalidInputError([
            { field: 'departmentId', message: `no department ${body.departmentId}` },
          ]);
        const { maxTransfers } = policy;
        assertCanTransfer(before, complaintId, by, department.departmentId, maxTransfers);
        const route = await this.placements.departmentRoute(tenantId, department);
        const exclusions = {
          returnedBy: before.returnedBy,
          handingOn: before.assigneeId,
          ignoreSkills: true,
        };
        const complaint = before.complaint!;
        const placement = await this.placements.place(
          tenantId,
          complaintId,
          complaint,
          route,
          policy,
          exclusions,
          cause,
        );
        const { departmentId: toDepartmentId } = department;
        return {
          command: {
            type: 'TransferComplaint',
            complaintId,
            by,
            toDepartmentId,
            reason: body.reason,
            maxTransfers,
            placement,
            at,
          },
          taken: placement.decision.chosen?.personId ?? null,
        };
      },
    );
  }
}
