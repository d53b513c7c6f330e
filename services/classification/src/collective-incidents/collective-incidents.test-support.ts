import {
  classificationStream,
  type ComplaintClassifiedData,
  incidentStream,
} from '@kesu/classification-contracts';
import { randomUUID } from 'node:crypto';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import { CLOCK } from '@kesu/platform';
import type { Clock, DocumentStore } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { type ClassificationTestApp, type Received, SMART_METER_TEXTS } from '../classification.test-support';
import { IncidentClaims } from './incident-claims';
import { IncidentDetection } from './incident-detection';
import { IncidentJoins } from './incident-joins';
import { IncidentList } from './incident-list';
import { INCIDENT_COLLECTION, type IncidentDocument } from './incident-list.projection';
import { TenantSettings } from '../settings/tenant-settings.service';
import { RecentComplaints } from './recent-complaints';

/*
 * What the collective incident specs share. Complaints arrive as intake records them, through the
 * relay and the classify consumer; `receiveAll` then delivers each once more by hand (a redelivery
 * racing the consumer), which also waits for its detection to finish.
 */

/** A complaint about the smart-meter rollout (智能电表计量不准), the i-th of five texts. */
export const meterComplaint = (i: number, extra: Partial<Received> = {}): Received => ({
  description: SMART_METER_TEXTS[i % SMART_METER_TEXTS.length]!,
  subject: { type: 'product', name: '智能电表' },
  ...extra,
});

/** Five residents' complaints about one abnormal electricity bill (电费账单金额异常). */
export const BILLS = [
  '这个月的电费账单金额异常，比平时高出三倍，营业厅解释不清楚。',
  '电费账单金额异常偏高，我家用电没有变化，营业厅也解释不清楚。',
  '收到的电费账单金额异常，高出平时好几倍，要求营业厅解释清楚。',
  '电费账单金额异常，突然高出三倍多，营业厅解释不清楚原因。',
  '本月电费账单金额异常偏高，营业厅一直解释不清楚。',
];

/** A complaint about the bills, the i-th of five texts. */
export const billComplaint = (i: number, extra: Partial<Received> = {}): Received => ({
  description: BILLS[i % BILLS.length]!,
  subject: { type: 'product', name: '电费账单' },
  ...extra,
});

/** The incident documents of a tenant's branch, as listed. */
export async function incidentsOf(
  t: ClassificationTestApp,
  tenantId: string,
  branchId: string,
): Promise<IncidentDocument[]> {
  const { items } = await t.documents
    .collection<IncidentDocument>(INCIDENT_COLLECTION)
    .find({ tenantId, branchId });
  return items;
}

/** The incident list's collection. */
export const incidentDocuments = (t: ClassificationTestApp) =>
  t.documents.collection<IncidentDocument>(INCIDENT_COLLECTION);

/** The incident the tenant `demo` lists with this complaint. */
export async function incidentWith(t: ClassificationTestApp, complaintId: string): Promise<IncidentDocument> {
  const { items } = await incidentDocuments(t).find({ tenantId: 'demo' });
  return items.find((i) => i.complaintIds.includes(complaintId))!;
}

/** The events of an incident's stream. */
export const streamOf = (t: ClassificationTestApp, incidentId: string): Promise<RecordedEvent[]> =>
  t.store.readStream(incidentStream(incidentId));

/**
 * Collective detection as another replica of the service runs it, over the same storage (or over
 * `documents`, a store that does something meanwhile): its own join queue and token cache.
 */
export function secondReplica(
  t: ClassificationTestApp,
  documents: DocumentStore = t.documents,
): IncidentDetection {
  const clock = t.app.get<Clock>(CLOCK);
  const registry = t.app.get<EventTypeRegistry>(CLASSIFICATION_EVENTS);
  const recent = new RecentComplaints(documents);
  const list = new IncidentList(t.store, documents, registry);
  const joins = new IncidentJoins(t.store, registry, clock, list, recent);
  const claims = new IncidentClaims(documents, clock);
  const settings = t.app.get(TenantSettings);
  return new IncidentDetection(t.store, registry, clock, recent, claims, joins, list, settings);
}

/** The category the complaint was classified in. */
export async function categoryOf(t: ClassificationTestApp, complaintId: string): Promise<string> {
  const [classified] = await t.classified(complaintId);
  return (classified!.data as ComplaintClassifiedData).category;
}

/** The complaint's classification events. */
export const classificationsOf = (t: ClassificationTestApp, complaintId: string) =>
  t.store.readStream(classificationStream(complaintId));

/** A ComplaintReceived like `template`, of a new complaint (of `tenantId`, with `description`). */
export function likeReceived(
  template: RecordedEvent,
  data: {
    readonly description?: string;
    readonly receivedAt?: string;
    readonly [field: string]: unknown;
  } = {},
  tenantId = template.tenantId,
): RecordedEvent {
  const complaintId = randomUUID();
  return {
    ...template,
    eventId: randomUUID(),
    tenantId,
    correlationId: complaintId,
    data: { ...(template.data as object), complaintId, ...data },
  };
}

/** Waits (at most 10 s) until `read` gives what `done` accepts; answers the last read. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const limit = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > limit) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}
