import type {
  AssignmentDecision,
  AssignmentTrigger,
  DispatchEvent,
  RoutedComplaint,
  StaffMember,
} from '@kesu/assignment-contracts';
import type { Placement } from './assignment-decider';

/** Fixtures of the dispatch specs: a complaint as routed, people, placements and the events they lead to. */

export const complaintId = '0193f0a2-7c1e-7d2a-9b4c-3e5f6a7b8c9d';
export const at = '2026-11-23T02:00:00.000Z';

export const routed = (overrides: Partial<RoutedComplaint> = {}): RoutedComplaint => ({
  reference: 'KS-20261123-000001',
  receivedAt: '2026-11-23T01:00:00.000Z',
  branchId: 'east-1',
  channel: 'hotline',
  language: 'zh',
  category: 'service_attitude',
  severity: 'general',
  scope: 'individual',
  signals: [],
  ...overrides,
});

export const person = (personId: string, overrides: Partial<StaffMember> = {}): StaffMember => ({
  personId,
  username: personId,
  name: { zh: personId, en: personId },
  roles: ['handler'],
  unitIds: ['east-1'],
  departmentIds: ['east-1-cs'],
  skills: ['service_attitude', 'communication', 'billing'],
  languages: ['zh'],
  capacity: 5,
  onDuty: true,
  ...overrides,
});

export const EQUAL_WEIGHTS = { minor: 1, general: 1, major: 1, critical: 1 } as const;

/** A decision that chose `personId` (null: nobody), in department east-1-cs at the handler level. */
export const decision = (personId: string | null, departmentId = 'east-1-cs'): AssignmentDecision => ({
  policyVersion: 1,
  rule: { id: 'fallback', description: { zh: '默认', en: 'Default' } },
  route: { departmentId, level: 'handler' },
  candidates: [],
  chosen: personId === null ? null : { personId, reason: 'only_eligible' },
});

export const placement = (personId: string | null, departmentId = 'east-1-cs'): Placement => ({
  departmentId,
  level: 'handler',
  decision: decision(personId, departmentId),
  headId: `${departmentId}-head`,
});

export const assigned = (
  personId: string,
  trigger: AssignmentTrigger = 'dispatch',
  departmentId = 'east-1-cs',
): DispatchEvent => ({
  type: 'ComplaintAssigned',
  data: {
    complaintId,
    departmentId,
    assigneeId: personId,
    level: 'handler',
    trigger,
    complaint: routed(),
    decision: decision(personId, departmentId),
    assignedBy: trigger === 'reassignment' ? 'user-supervisor1' : 'dispatch',
    ...(trigger === 'reassignment' && { reason: '熟悉该客户' }),
    assignedAt: at,
  },
});

export const accepted = (personId: string): DispatchEvent => ({
  type: 'AssignmentAccepted',
  data: { complaintId, departmentId: 'east-1-cs', assigneeId: personId, acceptedAt: at },
});

export const transferred = (from: string, to: string, transfers: number, by = 'h1'): DispatchEvent => ({
  type: 'ComplaintTransferred',
  data: {
    complaintId,
    fromDepartmentId: from,
    toDepartmentId: to,
    reason: '不属于本部门',
    transferredBy: by,
    transfers,
    transferredAt: at,
  },
});

export const ended: DispatchEvent = {
  type: 'AssignmentEnded',
  data: { complaintId, departmentId: 'east-1-cs', assigneeId: 'h1', why: 'closed', endedAt: at },
};
