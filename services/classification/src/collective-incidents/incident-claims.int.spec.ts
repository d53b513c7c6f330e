import { type CollectiveIncidentEvent, incidentStream } from '@kesu/classification-contracts';
import { incidentMembers } from '@kesu/classification-domain';
import type { EventTypeRegistry, RecordedEvent } from '@kesu/kernel';
import type { Collection, Document, DocumentStore } from '@kesu/ports';
import { CLASSIFICATION_EVENTS } from '../classification-events';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import {
  categoryOf,
  incidentsOf,
  likeReceived,
  meterComplaint,
  secondReplica,
} from './collective-incidents.test-support';
import { IncidentDetection } from './incident-detection';
import {
  RECENT_COLLECTION,
  RECENT_TOKENS_COLLECTION,
  type RecentComplaintDoc,
  type RecentTokensDoc,
} from './recent-complaints';

/* The recent index detection reads, and the claims that keep a complaint in one incident. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

describe('the recent index', () => {
  const LIFT = [
    '地铁站出口的电梯故障停运三天了，老人上下楼很困难，无人维修。',
    '地铁站出口电梯故障停运好几天，无人维修，老人上下楼困难。',
    '地铁站出口的电梯一直故障停运，三天无人维修，老人上下楼很困难。',
    '反映地铁站出口电梯故障停运，无人维修，老人上下楼很困难。',
    '地铁站出口电梯故障停运三天，老人上下楼很困难，至今无人维修。',
  ];

  it('keeps tokens apart from the index; a replica that read none, and documents holding them inline, detect alike', async () => {
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    const tokens = t.documents.collection<RecentTokensDoc>(RECENT_TOKENS_COLLECTION);
    const four = await t.receiveAll(
      LIFT.slice(0, 4).map((description) => ({ description, branchId: 'west-2' })),
    );
    const docs = await recent.getMany(four.ids);
    expect(docs).toHaveLength(4);
    for (const doc of docs) {
      expect(doc.tokens).toBeUndefined();
      expect(doc.tokensId).toMatch(new RegExp(`^${doc._id}:[0-9a-f]{16}$`));
      expect((await tokens.get(doc.tokensId!))?.tokens).toContain('电梯');
    }
    // two written as before the tokens were kept apart
    for (const { tokensId, ...doc } of docs.slice(0, 2)) {
      await recent.put({ ...doc, tokens: (await tokens.get(tokensId!))!.tokens });
      await tokens.delete(tokensId!);
    }
    // a fifth that only the second replica sees: it needs every one's tokens to link them
    const fifth = likeReceived(four.events[0]!, { description: LIFT[4] });
    const fifthId = fifth.correlationId;
    await secondReplica(t).classified(fifth, await categoryOf(t, four.ids[0]!));
    const incidents = (await incidentsOf(t, 'demo', 'west-2')).filter((i) =>
      i.complaintIds.includes(fifthId),
    );
    expect(incidents).toHaveLength(1);
    expect([...incidents[0]!.complaintIds].sort()).toEqual([...four.ids, fifthId].sort());
  });
});

describe('detections at once', () => {
  const A = '甲乙丙丁戊己庚辛壬癸';
  const S = '子丑寅卯辰巳午未申酉';
  /** A complaint as intake records it, of its own tenant and branch, with this text. */
  const complaintAbout = (template: RecordedEvent, description: string, tenantId = 'race'): RecordedEvent =>
    likeReceived(
      { ...template, branchId: 'b-1' },
      {
        branchId: 'b-1',
        subject: { type: 'service' },
        description,
        complainantCount: 1,
        receivedAt: new Date().toISOString(),
      },
      tenantId,
    );

  it.each([
    ['in one replica', 'race-1', () => t.app.get(IncidentDetection)],
    ['in two replicas', 'race-2', () => secondReplica(t)],
  ])(
    'never puts a complaint in two incidents %s: one detection waits for the other that takes it',
    async (_, tenantId, other) => {
      const { events } = await t.receiveAll([meterComplaint(0, { tenantId: 'race-template' })]);
      const template = events[0]!;
      const detection = t.app.get(IncidentDetection);
      // an incident about A, and four complaints about S that make none yet
      for (let i = 0; i < 5; i++)
        await detection.classified(complaintAbout(template, A, tenantId), 'service');
      for (let i = 0; i < 4; i++)
        await detection.classified(complaintAbout(template, S, tenantId), 'service');
      // a fifth about S completes a new incident of the five; while it is being recorded, one about A
      // and S arrives, which joins A and would take the five along
      const append = t.store.appendToStream.bind(t.store);
      let meanwhile: Promise<void> | undefined;
      const appends = jest.spyOn(t.store, 'appendToStream').mockImplementation(async (...args) => {
        if (!meanwhile && args[1][0]?.type === 'CollectiveIncidentDetected') {
          meanwhile = other().classified(complaintAbout(template, `${A}${S}`, tenantId), 'service');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return append(...args);
      });
      try {
        await detection.classified(complaintAbout(template, S, tenantId), 'service');
        await meanwhile;
      } finally {
        appends.mockRestore();
      }
      expect(meanwhile).toBeDefined();
      const incidents = await incidentsOf(t, tenantId, 'b-1');
      const registry = t.app.get<EventTypeRegistry>(CLASSIFICATION_EVENTS);
      const members = await Promise.all(
        incidents.map(async (i) =>
          incidentMembers(
            (await t.store.readStream(incidentStream(i.incidentId))).map((e) =>
              registry.toDomain<CollectiveIncidentEvent>(e),
            ),
          ).map((m) => m.complaintId),
        ),
      );
      const all = members.flat();
      expect(all).toHaveLength(11);
      expect(new Set(all).size).toBe(all.length);
      expect(incidents).toHaveLength(2);
    },
  );

  it('keeps the incident another detection marked while a redelivery re-indexes the complaint', async () => {
    const { events } = await t.receiveAll([meterComplaint(0, { tenantId: 'race-template' })]);
    const complaint = complaintAbout(events[0]!, '寅卯辰巳午未申酉戌亥');
    await t.app.get(IncidentDetection).classified(complaint, 'service');
    const complaintId = complaint.correlationId;
    const recent = t.documents.collection<RecentComplaintDoc>(RECENT_COLLECTION);
    // as an older release kept it: tokens inline, which re-indexing drops
    await recent.update(complaintId, { $set: { tokens: ['旧的'] } });
    // a replica whose read of the complaint's entry is followed at once by another detection's mark
    const real = t.documents;
    const marking = Object.create(real) as DocumentStore;
    marking.collection = <T extends Document>(name: string) => {
      const collection = real.collection<T>(name);
      if (name !== RECENT_COLLECTION) return collection;
      const wrapped = Object.create(collection) as Collection<T>;
      wrapped.get = async (id: string) => {
        const found = await collection.get(id);
        await collection.update(id, { $set: { incidentId: 'marked-meanwhile' } });
        return found;
      };
      return wrapped;
    };
    await secondReplica(t, marking).classified(complaint, 'service');
    const [entry] = await recent.getMany([complaintId]);
    expect(entry!.tokens).toBeUndefined();
    expect(entry).toMatchObject({
      incidentId: 'marked-meanwhile',
      tokensId: expect.stringMatching(/^.+:[0-9a-f]{16}$/),
    });
  });
});
