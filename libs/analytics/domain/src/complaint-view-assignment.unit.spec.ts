import type { ComplaintAssignedData, DispatchEvent } from '@kesu/assignment-contracts';
import { evolveComplaintView } from './complaint-view-evolve';
import { fold, recorded } from './complaint-view.test-support';

const routed = {
  reference: 'KS-20261123-000001',
  receivedAt: '2026-11-23T02:00:00.000Z',
  branchId: 'west-2',
  channel: 'gov_hotline_12345',
  language: 'zh',
  category: 'billing',
  severity: 'major',
  scope: 'collective',
  signals: [],
} as const;
const assignedData = (assigneeId: string, departmentId = 'west-2-cs'): ComplaintAssignedData => ({
  complaintId: 'c-1',
  departmentId,
  assigneeId,
  level: 'branch_manager',
  trigger: 'dispatch',
  complaint: routed,
  decision: {
    policyVersion: 1,
    rule: null,
    route: { departmentId, level: 'branch_manager' },
    candidates: [],
    chosen: null,
  },
  assignedBy: 'dispatch',
  assignedAt: '2026-11-23T02:01:00.000Z',
});
const dispatched = <E extends DispatchEvent>(type: E['type'], data: E['data']) => recorded(type, data);

describe('the view’s assignment (api.md)', () => {
  it('is null until the complaint is dispatched', () => {
    expect(fold().assignment).toBeNull();
  });

  it('shows the department, the named person, the level, not accepted yet, no transfers', () => {
    const view = fold(dispatched('ComplaintAssigned', assignedData('user-west-2-manager')));
    expect(view.assignment).toEqual({
      departmentId: 'west-2-cs',
      assigneeId: 'user-west-2-manager',
      level: 'branch_manager',
      status: 'assigned',
      accepted: false,
      transfers: 0,
      placedAt: '2026-11-23T02:01:00.000Z',
    });
    expect(view.eventCount).toBe(2);
  });

  it('follows acceptance, transfers, the queue and the end', () => {
    const transferred = {
      complaintId: 'c-1',
      fromDepartmentId: 'west-2-cs',
      toDepartmentId: 'west-2-tech',
      reason: '设备问题',
      transferredBy: 'user-west-2-manager',
      transfers: 1,
      transferredAt: '2026-11-23T02:03:00.000Z',
    };
    const history = [
      dispatched('ComplaintAssigned', assignedData('user-west-2-manager')),
      dispatched('AssignmentAccepted', {
        complaintId: 'c-1',
        departmentId: 'west-2-cs',
        assigneeId: 'user-west-2-manager',
        acceptedAt: '2026-11-23T02:02:00.000Z',
      }),
    ];
    expect(fold(...history).assignment).toMatchObject({ status: 'accepted', accepted: true });
    const queued = fold(
      ...history,
      dispatched('ComplaintTransferred', transferred),
      dispatched('ComplaintQueued', {
        complaintId: 'c-1',
        departmentId: 'west-2-tech',
        level: 'handler',
        why: 'no_eligible_person',
        trigger: 'transfer',
        complaint: routed,
        queuedAt: '2026-11-23T02:03:00.000Z',
      }),
    );
    expect(queued.assignment).toMatchObject({
      departmentId: 'west-2-tech',
      assigneeId: null,
      level: 'handler',
      status: 'queued',
      accepted: false,
      transfers: 1,
    });
    const ended = evolveComplaintView(
      queued,
      dispatched('AssignmentEnded', {
        complaintId: 'c-1',
        departmentId: 'west-2-tech',
        assigneeId: null,
        why: 'withdrawn',
        endedAt: '2026-11-23T02:04:00.000Z',
      }),
    );
    expect(ended?.assignment).toMatchObject({ status: 'ended', transfers: 1 });
  });
});
