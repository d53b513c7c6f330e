import type { DispatchEvent } from '@kesu/assignment-contracts';
import { DomainRuleViolation, ForbiddenError } from '@kesu/kernel';
import { DeciderSpecification } from '@kesu/testing';
import { type AssignmentCommand, assignmentDecider } from './assignment-decider';
import {
  accepted,
  assigned,
  at,
  complaintId,
  ended,
  placement,
  routed,
  transferred,
} from './dispatch.test-support';

const spec = DeciderSpecification.for(assignmentDecider);
const code = (expected: string) => (e: { code: string }) => e.code === expected;

const dispatch = (personId: string | null): AssignmentCommand => ({
  type: 'DispatchComplaint',
  complaintId,
  complaint: routed(),
  placement: placement(personId),
  at,
});
const reroute = (personId: string | null, departmentId: string): AssignmentCommand => ({
  type: 'RerouteComplaint',
  complaintId,
  complaint: routed({ category: 'product_quality' }),
  placement: placement(personId, departmentId),
  at,
});
const accept = (by: string): AssignmentCommand => ({ type: 'AcceptAssignment', complaintId, by, at });
const giveBack = (by: string): AssignmentCommand => ({
  type: 'ReturnAssignment',
  complaintId,
  by,
  reason: '不是本部门的事',
  headId: 'east-1-cs-head',
  at,
});
const transfer = (by: string, to: string, supervises = false): AssignmentCommand => ({
  type: 'TransferComplaint',
  complaintId,
  by: { personId: by, supervises },
  toDepartmentId: to,
  reason: '不属于本部门',
  maxTransfers: 2,
  placement: placement(`${to}-h`, to),
  at,
});
const reassign = (to: string): AssignmentCommand => ({
  type: 'ReassignComplaint',
  complaintId,
  by: 'user-supervisor1',
  reason: '熟悉该客户',
  complaint: routed(),
  placement: placement(to),
  at,
});

describe('dispatching an accepted, classified complaint', () => {
  it('given nothing yet, when a person was chosen, then it is assigned to them with the decision', () => {
    spec
      .given([])
      .when(dispatch('h1'))
      .then([assigned('h1')]);
  });

  it('given nothing yet, when nobody was eligible, then it waits in the department queue and its head is alerted', () => {
    spec
      .given([])
      .when(dispatch(null))
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual(['ComplaintQueued', 'DepartmentHeadAlerted']);
        expect(events[0]!.data).toMatchObject({
          departmentId: 'east-1-cs',
          why: 'no_eligible_person',
          trigger: 'dispatch',
        });
        expect(events[1]!.data).toEqual({
          complaintId,
          departmentId: 'east-1-cs',
          headId: 'east-1-cs-head',
          why: 'no_eligible_person',
          alertedAt: at,
        });
      });
  });

  it('given it was dispatched, when the same (duplicate) dispatch comes, then nothing happens', () => {
    spec
      .given([assigned('h1')])
      .when(dispatch('h2'))
      .thenNothingHappens();
  });
});

describe('a new classification routes it elsewhere', () => {
  it('given dispatch placed it and nobody accepted it, then it is placed again', () => {
    spec
      .given([assigned('h1')])
      .when(reroute('t1', 'east-1-tech'))
      .thenMatches(([event]) => expect(event!.data).toMatchObject({ assigneeId: 't1', trigger: 'reroute' }));
  });

  it.each([
    ['it was accepted', [assigned('h1'), accepted('h1')]],
    ['a supervisor placed it', [assigned('h2', 'reassignment')]],
    [
      'it was transferred',
      [assigned('h1'), transferred('east-1-cs', 'east-2-cs', 1), assigned('h3', 'transfer', 'east-2-cs')],
    ],
  ])('given %s, then it stays', (_label, given) => {
    spec.given(given).when(reroute('t1', 'east-1-tech')).thenNothingHappens();
  });

  it('given the route is the same, then it stays with its holder', () => {
    spec
      .given([assigned('h1')])
      .when(reroute('h2', 'east-1-cs'))
      .thenNothingHappens();
  });
});

describe('someone came to have room: dispatch takes it from the queue', () => {
  const fromQueue = (personId: string | null, departmentId = 'east-1-cs'): AssignmentCommand => ({
    type: 'DispatchFromQueue',
    complaintId,
    complaint: routed(),
    placement: placement(personId, departmentId),
    at,
  });
  const waiting: DispatchEvent = {
    type: 'ComplaintQueued',
    data: {
      complaintId,
      departmentId: 'east-1-cs',
      level: 'handler',
      why: 'no_eligible_person',
      trigger: 'dispatch',
      complaint: routed(),
      queuedAt: at,
    },
  };

  it('given it waits in the queue, when a person was chosen, then it is assigned to them from the queue', () => {
    spec
      .given([waiting])
      .when(fromQueue('h2'))
      .thenMatches(([event, ...more]) => {
        expect(more).toEqual([]);
        expect(event).toMatchObject({
          type: 'ComplaintAssigned',
          data: { assigneeId: 'h2', trigger: 'queue' },
        });
      });
  });

  it.each([
    ['nobody is eligible still (no second alert)', [waiting], fromQueue(null)],
    ['it was taken already', [waiting, assigned('h2', 'queue')], fromQueue('h3')],
    ['it is with its handler', [assigned('h1')], fromQueue('h2')],
    ['it waits in another department', [waiting], fromQueue('t1', 'east-1-tech')],
    ['it ended', [waiting, ended], fromQueue('h2')],
  ] as const)('given %s, then nothing happens', (_label, given, command) => {
    spec
      .given([...given])
      .when(command)
      .thenNothingHappens();
  });
});

describe('the assignee accepts or returns it', () => {
  it('accepts', () => {
    spec
      .given([assigned('h1')])
      .when(accept('h1'))
      .then([accepted('h1')]);
  });

  it('returns it with a reason: it waits in the queue for a supervisor, its head alerted', () => {
    spec
      .given([assigned('h1')])
      .when(giveBack('h1'))
      .thenMatches((events) => {
        expect(events.map((e) => e.type)).toEqual([
          'AssignmentReturned',
          'ComplaintQueued',
          'DepartmentHeadAlerted',
        ]);
        expect(events[0]!.data).toMatchObject({ assigneeId: 'h1', reason: '不是本部门的事' });
        expect(events[1]!.data).toMatchObject({ why: 'returned', trigger: 'return' });
      });
  });

  it.each([
    ['someone else accepts', [assigned('h1')], accept('h2'), ForbiddenError, 'assignment.not_assignee'],
    ['someone else returns', [assigned('h1')], giveBack('h2'), ForbiddenError, 'assignment.not_assignee'],
    [
      'it is accepted twice',
      [assigned('h1'), accepted('h1')],
      accept('h1'),
      DomainRuleViolation,
      'assignment.already_accepted',
    ],
    [
      'it is returned after accepting',
      [assigned('h1'), accepted('h1')],
      giveBack('h1'),
      DomainRuleViolation,
      'assignment.already_accepted',
    ],
    ['it is with nobody', [], accept('h1'), DomainRuleViolation, 'assignment.not_assigned'],
    ['it ended', [assigned('h1'), ended], accept('h1'), DomainRuleViolation, 'assignment.ended'],
  ] as const)('is refused when %s', (_label, given, command, error, expected) => {
    spec
      .given([...given])
      .when(command)
      .thenThrows(error as typeof DomainRuleViolation, code(expected));
  });
});

describe('transfers, at most the tenant’s limit by handlers (no ping-pong)', () => {
  it('moves it to the other department with the count and places it there', () => {
    spec
      .given([assigned('h1')])
      .when(transfer('h1', 'east-1-tech'))
      .then([
        transferred('east-1-cs', 'east-1-tech', 1),
        assigned('east-1-tech-h', 'transfer', 'east-1-tech'),
      ]);
  });

  const twice = [
    assigned('h1'),
    transferred('east-1-cs', 'east-1-tech', 1),
    assigned('t1', 'transfer', 'east-1-tech'),
    transferred('east-1-tech', 'east-1-cs', 2, 't1'),
    assigned('h2', 'transfer', 'east-1-cs'),
  ];

  it('refuses a handler’s transfer beyond the limit: a supervisor decides', () => {
    spec
      .given(twice)
      .when(transfer('h2', 'east-1-tech'))
      .thenThrows(
        DomainRuleViolation,
        (e) => e.code === 'assignment.transfer_limit_reached' && /supervisor/.test(e.message),
      );
  });

  it('lets a supervisor transfer beyond the limit, counting it', () => {
    spec
      .given(twice)
      .when(transfer('user-supervisor1', 'east-2-cs', true))
      .thenMatches(([moved]) =>
        expect(moved!.data).toMatchObject({ transfers: 3, transferredBy: 'user-supervisor1' }),
      );
  });

  it.each([
    [
      'by someone not holding it',
      [assigned('h1')],
      transfer('h2', 'east-1-tech'),
      ForbiddenError,
      'assignment.not_assignee',
    ],
    [
      'to its own department',
      [assigned('h1')],
      transfer('h1', 'east-1-cs'),
      DomainRuleViolation,
      'assignment.same_department',
    ],
    [
      'before dispatch',
      [],
      transfer('h1', 'east-1-tech', true),
      DomainRuleViolation,
      'assignment.not_dispatched',
    ],
    [
      'after the end',
      [assigned('h1'), ended],
      transfer('h1', 'east-1-tech'),
      DomainRuleViolation,
      'assignment.ended',
    ],
  ] as const)('is refused %s', (_label, given, command, error, expected) => {
    spec
      .given([...given])
      .when(command)
      .thenThrows(error as typeof DomainRuleViolation, code(expected));
  });
});

describe('a supervisor reassigns it', () => {
  it('names another person, saying why', () => {
    spec
      .given([assigned('h1'), accepted('h1')])
      .when(reassign('h2'))
      .then([assigned('h2', 'reassignment')]);
  });

  it('takes it from the queue', () => {
    const queued = assignmentDecider.decide(dispatch(null), assignmentDecider.initialState());
    spec
      .given(queued)
      .when(reassign('h2'))
      .then([assigned('h2', 'reassignment')]);
  });

  it('refuses to name its holder again', () => {
    spec
      .given([assigned('h1')])
      .when(reassign('h1'))
      .thenThrows(DomainRuleViolation, code('assignment.already_assigned'));
  });
});

describe('the complaint ends', () => {
  it('leaves its holder’s workload once', () => {
    const end: AssignmentCommand = { type: 'EndAssignment', complaintId, why: 'closed', at };
    spec
      .given([assigned('h1')])
      .when(end)
      .then([ended]);
    spec
      .given([assigned('h1'), ended])
      .when(end)
      .thenNothingHappens();
    spec.given([]).when(end).thenNothingHappens();
  });
});
