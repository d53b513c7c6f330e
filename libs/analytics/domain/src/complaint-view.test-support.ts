import { type ComplaintClassifiedData } from '@kesu/classification-contracts';
import { type ComplaintReceivedData, type IntakeEvent } from '@kesu/intake-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { type ComplaintView } from './complaint-view';
import { evolveComplaintView } from './complaint-view-evolve';

/** The registration of complaint c-1: a government hotline work order about a smart meter. */
export const data: ComplaintReceivedData = {
  complaintId: 'c-1',
  reference: 'KS-20261123-000001',
  channel: 'gov_hotline_12345',
  channelDetails: { externalOrderNo: 'GD2026112300815', governmentDeadline: '2026-11-30T10:00:00.000Z' },
  branchId: 'west-2',
  complainant: { subjectId: 's-1', sealed: 'pd1.a.b.c' },
  subject: { type: 'product', name: '智能电表' },
  description: '小区更换智能电表后电费翻倍。',
  location: '幸福小区',
  complainantCount: 20,
  language: 'zh',
  receivedAt: '2026-11-23T02:00:00.000Z',
  acknowledgement: { respondBy: '2026-11-24T02:00:00.000Z' },
};

let position = 0;
/** Starts a new history: the next event recorded is the first (global position 1, revision 0). */
export function newHistory(): void {
  position = 0;
}

/**
 * The next event of complaint c-1's history (on its intake stream, at the next revision), recorded
 * at 02:`minute` on 2026-11-23.
 */
export const recorded = (type: string, payload: unknown, minute = position): RecordedEvent => {
  position++;
  const recordedAt = new Date(Date.UTC(2026, 10, 23, 2, minute)).toISOString();
  return {
    eventId: `e-${position}`,
    type,
    schemaVersion: 1,
    data: payload,
    occurredAt: recordedAt,
    recordedAt,
    tenantId: 'demo',
    branchId: 'west-2',
    correlationId: 'c-1',
    causationId: 'r-1',
    actor: { kind: 'user', id: 'agent2' },
    streamId: 'intake-complaint-c-1',
    revision: position - 1,
    prevHash: '0',
    hash: '1',
    globalPosition: position,
  };
};
/** One of intake's events, typed by its name. */
export const event = <E extends IntakeEvent>(type: E['type'], payload: E['data']) => recorded(type, payload);

/** The view after ComplaintReceived and then these events. */
export function fold(...events: RecordedEvent[]): ComplaintView {
  newHistory();
  const history = [recorded('ComplaintReceived', data), ...events];
  const view = history.reduce<ComplaintView | null>(evolveComplaintView, null);
  if (!view) throw new Error('no view');
  return view;
}

/** The classifier's decision about c-1: billing, major, collective, by a petition. */
export const classifiedData: ComplaintClassifiedData = {
  complaintId: 'c-1',
  category: 'billing',
  severity: 'major',
  scope: 'collective',
  nature: 'effective',
  signals: ['government_petition'],
  confidence: 0.82,
  needsHumanReview: false,
  departmentId: 'billing-dept',
  decision: {
    model: { id: 'keywords', version: 0 },
    taxonomyVersion: 1,
    ruleSetVersion: 1,
    rules: [{ id: 'petition', matched: ['信访'] }],
    ranking: [{ category: 'billing', confidence: 0.82 }],
  },
  classifiedAt: '2026-11-23T02:00:01.000Z',
};
