/*
 * The complaint view's `assignment` from dispatch's events (api.md), through HTTP, and the history
 * of a complaint's assignment as a role without access to personal data reads it.
 */
import { assignmentStream, type DispatchEvent } from '@kesu/assignment-contracts';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { parse } from 'yaml';
import { get, project, seed, stores, useAnalyticsApp } from '../analytics.test-support';

useAnalyticsApp();

const routed = {
  reference: 'KS-20261123-000001',
  receivedAt: '2026-11-23T02:00:00.000Z',
  branchId: 'east-1',
  channel: 'hotline',
  language: 'zh',
  category: 'service_attitude',
  severity: 'general',
  scope: 'individual',
  signals: [],
} as const;

async function dispatch(complaintId: string, events: DispatchEvent[]): Promise<void> {
  await stores().store.appendToStream(
    assignmentStream(complaintId),
    events.map(({ type, data }) => ({
      eventId: uuidv7(),
      type,
      schemaVersion: 1,
      data,
      occurredAt: new Date().toISOString(),
      tenantId: 'demo',
      branchId: 'east-1',
      correlationId: complaintId,
      causationId: `request-${uuidv7()}`,
      actor: { kind: 'service', id: 'assignment.dispatch' },
    })),
    'any',
  );
}

const assigned = (complaintId: string, assigneeId: string, departmentId: string): DispatchEvent => ({
  type: 'ComplaintAssigned',
  data: {
    complaintId,
    departmentId,
    assigneeId,
    level: 'handler',
    trigger: 'dispatch',
    complaint: routed,
    decision: {
      policyVersion: 1,
      rule: null,
      route: { departmentId, level: 'handler' },
      candidates: [],
      chosen: null,
    },
    assignedBy: 'dispatch',
    assignedAt: new Date().toISOString(),
  },
});

it('shows who holds the complaint: department, assignee, level, accepted, transfers', async () => {
  const { complaintId } = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-23T02:00:00.000Z',
    description: '营业员态度差。',
  });
  await dispatch(complaintId, [
    assigned(complaintId, 'user-handler1', 'east-1-cs'),
    {
      type: 'ComplaintTransferred',
      data: {
        complaintId,
        fromDepartmentId: 'east-1-cs',
        toDepartmentId: 'east-1-tech',
        reason: '设备问题，客户电话13800000000。',
        transferredBy: 'user-handler1',
        transfers: 1,
        transferredAt: new Date().toISOString(),
      },
    },
    assigned(complaintId, 'user-east-1-tech-h1', 'east-1-tech'),
    {
      type: 'AssignmentAccepted',
      data: {
        complaintId,
        departmentId: 'east-1-tech',
        assigneeId: 'user-east-1-tech-h1',
        acceptedAt: new Date().toISOString(),
      },
    },
  ]);
  await project();
  const openapi = parse(readFileSync(join(__dirname, '../../../../contracts/openapi.yaml'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const format of ['date-time', 'date', 'uuid', 'email', 'uri']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'openapi', components: openapi.components });
  const complaint = ajv.getSchema('openapi#/components/schemas/Complaint')!;
  for (const as of ['supervisor1', 'analyst1']) {
    const reply = await get(as, `/api/v1/complaints/${complaintId}`);
    expect([complaint(reply.json()), complaint.errors]).toEqual([true, null]);
    expect(reply.json().assignment).toEqual({
      departmentId: 'east-1-tech',
      assigneeId: 'user-east-1-tech-h1',
      level: 'handler',
      status: 'accepted',
      accepted: true,
      transfers: 1,
      placedAt: expect.any(String),
    });
  }
  const history = (await get('analyst1', `/api/v1/complaints/${complaintId}/history`)).json();
  const transfer = history.events.find((e: { type: string }) => e.type === 'ComplaintTransferred');
  expect(transfer.data.reason).not.toContain('13800000000');
  expect(transfer.redacted).toEqual(['data.reason']);
  expect((await get('supervisor1', `/api/v1/complaints/${complaintId}/history/verify`)).json().valid).toBe(
    true,
  );
});
