import type { Department, StaffDirectory } from '@kesu/assignment-contracts';
import { assertCanReassign, type AssignmentState, levelOfPerson } from '@kesu/assignment-domain';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, InvalidInputError } from '@kesu/kernel';
import type { Caller } from '@kesu/platform';
import { STAFF_DIRECTORY } from '../staff-directory';
import { type AssignmentActionOutcome, AssignmentActions } from './assignment-actions';
import type { AssignComplaintDto } from './assignment-actions.dto';
import type { ComplaintRecord } from './complaint-record';
import { Placements } from './placements';
import { RoutingPolicies } from './routing-policies';

/** A supervisor assigns the complaint to a named person, or reassigns it, saying why (指派/改派). */
export class ReassignComplaintCommand extends Command<AssignmentActionOutcome> {
  constructor(
    readonly caller: Caller,
    readonly complaintId: string,
    readonly body: AssignComplaintDto,
  ) {
    super();
  }
}

/**
 * Takes an accepted, classified complaint from wherever it is (dispatched or not, queued, with
 * someone) onto the named person's workload, for the department named or theirs, at the level they
 * hold: 400 naming `assigneeId` or `departmentId` for one the directory does not know, 409 when the
 * person is off duty or at capacity, already holds it, or the complaint is not ready.
 */
@CommandHandler(ReassignComplaintCommand)
export class ReassignComplaintHandler implements ICommandHandler<ReassignComplaintCommand> {
  constructor(
    private readonly actions: AssignmentActions,
    private readonly placements: Placements,
    private readonly policies: RoutingPolicies,
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
  ) {}

  execute({ caller, complaintId, body }: ReassignComplaintCommand): Promise<AssignmentActionOutcome> {
    const { userId: by, tenantId } = caller.principal;
    return this.actions.run(
      caller,
      complaintId,
      'ReassignComplaint',
      body,
      async (before, record, at, cause) => {
        const [person, policy] = await Promise.all([
          this.directory.person(tenantId, body.assigneeId),
          this.policies.policyOf(tenantId),
        ]);
        if (!person)
          throw new InvalidInputError([{ field: 'assigneeId', message: `no person ${body.assigneeId}` }]);
        assertCanReassign(before, complaintId, person.personId);
        const complaint = before.complaint ?? readyComplaint(record, complaintId);
        const department = await this.departmentFor(
          tenantId,
          body.departmentId,
          person.departmentIds,
          before,
        );
        const level = levelOfPerson(person, department, policy.levelHolders);
        const named = { department, level, person };
        const placement = await this.placements.placeNamed(
          tenantId,
          complaintId,
          complaint,
          named,
          policy,
          cause,
        );
        return {
          command: {
            type: 'ReassignComplaint',
            complaintId,
            by,
            reason: body.reason,
            complaint,
            placement,
            at,
          },
          taken: person.personId,
        };
      },
    );
  }

  /** The department named, else the complaint's own when the person belongs to it, else the person's first. */
  private async departmentFor(
    tenantId: string,
    named: string | undefined,
    theirs: readonly string[],
    before: AssignmentState,
  ): Promise<Department> {
    const current = before.departmentId;
    const id = named ?? (current && theirs.includes(current) ? current : (theirs[0] ?? current));
    const department = id ? await this.directory.department(tenantId, id) : undefined;
    if (!department)
      throw new InvalidInputError([
        {
          field: 'departmentId',
          message: id ? `no department ${id}` : 'name the department the person holds it for',
        },
      ]);
    return department;
  }
}

/** The complaint as routed, when intake accepted it and classification classified it; 409 before. */
function readyComplaint(record: ComplaintRecord, complaintId: string) {
  if (!record.accepted || !record.routed)
    throw new DomainRuleViolation(
      'assignment.not_ready',
      `complaint ${complaintId} is assigned once it is accepted (受理) and classified`,
    );
  return record.routed;
}
