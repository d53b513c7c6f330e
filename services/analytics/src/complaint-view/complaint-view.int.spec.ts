import { classificationStream, type ComplaintClassifiedData } from '@kesu/classification-contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { v7 as uuidv7 } from 'uuid';
import { parse } from 'yaml';
import { follow, get, listed, project, seed, stores, useAnalyticsApp } from '../analytics.test-support';
import { accepted, badFields, c, ids, rejected, seedComplaints } from './complaint-list.test-support';

/*
 * One complaint's view through HTTP, in process (analytics.test-support.ts): the whole record, as it
 * stood at an instant, its ETag, its collective incident; and the list and view against openapi.yaml.
 */

useAnalyticsApp();
beforeAll(seedComplaints);

/** Records classification's decision about a complaint of east-1: facilities, minor. */
async function classify(complaintId: string): Promise<void> {
  const data = {
    complaintId,
    category: 'facilities',
    severity: 'minor',
    scope: 'individual',
    nature: 'effective',
    signals: [],
    confidence: 0.9,
    needsHumanReview: false,
    decision: {
      model: { id: 'keywords', version: 0 },
      taxonomyVersion: 1,
      ruleSetVersion: 1,
      rules: [],
      ranking: [],
    },
    classifiedAt: new Date().toISOString(),
  } satisfies ComplaintClassifiedData;
  await stores().store.appendToStream(
    classificationStream(complaintId),
    [
      {
        eventId: uuidv7(),
        type: 'ComplaintClassified',
        schemaVersion: 1,
        data,
        occurredAt: data.classifiedAt,
        tenantId: 'demo',
        branchId: 'east-1',
        correlationId: complaintId,
        causationId: `classify-${complaintId}`,
        actor: { kind: 'service', id: 'classification' },
      },
    ],
    'no_stream',
  );
}

describe('GET /api/v1/complaints/{id}', () => {
  it('shows the whole intake record, and as it stood at any instant', async () => {
    const { complaintId } = await seed({
      branchId: 'east-1',
      receivedAt: '2026-11-23T01:00:00.000Z',
      subject: { type: 'facility', name: '无障碍坡道' },
      description: '营业厅门口的无障碍坡道被电动车堵住。',
    });
    await follow(complaintId, 1, {
      type: 'RecordCorrected',
      data: {
        complaintId,
        corrections: { description: '营业厅门口的无障碍坡道被电动车堵住，轮椅进不去。', complainantCount: 2 },
        correctedAt: '2026-11-23T01:01:00.000Z',
      },
    });
    await follow(complaintId, 2, rejected(complaintId));
    const appealedAt = await follow(complaintId, 3, {
      type: 'RejectionAppealed',
      data: { complaintId, grounds: '坡道属于营业厅', appealedAt: '2026-11-23T02:00:00.000Z' },
    });
    await follow(complaintId, 4, {
      type: 'AppealDecided',
      data: {
        complaintId,
        outcome: 'overturned',
        explanation: '属实，予以受理',
        decidedAt: '2026-11-23T03:00:00.000Z',
      },
    });
    await project();

    const now = await get('agent1', `/api/v1/complaints/${complaintId}`);
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({
      complaintId,
      status: 'accepted',
      channelDetails: null,
      description: '营业厅门口的无障碍坡道被电动车堵住，轮椅进不去。',
      complainantCount: 2,
      complainant: { name: '王女士', visibility: 'shown' },
      confirmed: true,
      confirmedAt: '2026-11-23T01:01:00.000Z',
      acceptedAt: '2026-11-23T03:00:00.000Z',
      resolution: null,
      rejection: { reason: 'no_factual_basis', automatic: false },
      appeal: { grounds: '坡道属于营业厅', outcome: 'overturned', decidedAt: '2026-11-23T03:00:00.000Z' },
      withdrawal: null,
      duplicateOf: null,
      duplicates: [],
      repeatOf: null,
      classification: null,
    });
    expect(now.body).not.toContain('searchTokens');
    expect((await get('analyst1', `/api/v1/complaints/${complaintId}`)).json().complainant).toEqual({
      visibility: 'redacted',
      pseudonym: expect.stringMatching(/^P-[0-9A-F]{12}$/),
    });

    const then = await get(
      'agent1',
      `/api/v1/complaints/${complaintId}?asOf=${encodeURIComponent(appealedAt)}`,
    );
    expect(then.json()).toMatchObject({
      status: 'appealed',
      acceptedAt: null,
      appeal: { grounds: '坡道属于营业厅' },
      confirmed: true,
    });
    expect(then.json().appeal.outcome).toBeUndefined();
    expect(await listed('agent1', `q=${encodeURIComponent('轮椅')}`)).toEqual([complaintId]);
  });

  it("answers with an ETag naming its intake stream's revision, what intake's actions take as If-Match", async () => {
    const { complaintId } = await seed({
      branchId: 'east-1',
      receivedAt: '2026-11-23T04:00:00.000Z',
      description: '营业厅空调坏了一个月没人修。',
    });
    await project();
    const url = `/api/v1/complaints/${complaintId}`;
    expect((await get('agent1', url)).headers.etag).toBe('W/"0"');
    const acceptedAt = await follow(complaintId, 1, accepted(complaintId));
    await classify(complaintId);
    await project();
    const now = await get('agent1', url);
    expect(now.json()).toMatchObject({ status: 'accepted', classification: { category: 'facilities' } });
    expect(now.headers.etag).toBe('W/"1"');
    const before = new Date(Date.parse(acceptedAt) - 1).toISOString();
    const then = await get('agent1', `${url}?asOf=${encodeURIComponent(before)}`);
    expect(then.json().status).toBe('received');
    expect(then.headers.etag).toBe('W/"0"');
  });

  it("answers a complaint outside the caller's scope as an unknown one: 404, the same problem", async () => {
    const cases = [
      ['agent1', c.password!.complaintId],
      ['supervisor1', c.reading!.complaintId],
      ['admin', c.foreign!.complaintId],
      ['admin', uuidv7()],
    ] as const;
    for (const [as, id] of cases) {
      for (const query of ['', '?asOf=2026-12-01T00:00:00Z']) {
        const reply = await get(as, `/api/v1/complaints/${id}${query}`);
        expect([as, id, query, reply.statusCode, reply.headers.etag]).toEqual([
          as,
          id,
          query,
          404,
          undefined,
        ]);
        expect(reply.json()).toEqual({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: `complaint ${id} not found`,
          instance: `/api/v1/complaints/${id}`,
          code: 'complaint.not_found',
        });
      }
    }
    const beforeReceipt = `/api/v1/complaints/${c.meter!.complaintId}?asOf=2026-01-01T00:00:00Z`;
    expect((await get('agent1', beforeReceipt)).statusCode).toBe(404);
  });
});

describe('collective incidents (群体性投诉) in the views', () => {
  const incidentId = '0c3f6a1e-2b4d-4e8f-9a7b-1d2c3e4f5a6b';
  /** Appends an incident event to its stream as classification records it; answers when it was recorded. */
  async function incident(type: string, data: object, revision: number | 'no_stream'): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { events } = await stores().store.appendToStream(
      `classification-incident-${incidentId}`,
      [
        {
          eventId: uuidv7(),
          type,
          schemaVersion: 1,
          data,
          occurredAt: new Date().toISOString(),
          tenantId: 'demo',
          branchId: 'east-2',
          correlationId: incidentId,
          causationId: `received-${type}`,
          actor: { kind: 'service', id: 'classification' },
        },
      ],
      revision,
    );
    return events[0]!.recordedAt;
  }
  const gas = (i: number) =>
    seed({
      branchId: 'east-2',
      receivedAt: `2026-11-24T01:0${i}:00.000Z`,
      subject: { type: 'product', name: '燃气表' },
      description: `燃气表被停，没有通知 ${i}`,
    });

  it('shows each member its incident as of its joining, lists its complaints, and shows it as it stood', async () => {
    for (const i of [0, 1, 2, 3]) c[`gas${i}`] = await gas(i);
    const [g0, g1, g2, g3] = ids('gas0', 'gas1', 'gas2', 'gas3');
    const detectedAt = await incident(
      'CollectiveIncidentDetected',
      {
        incidentId,
        tenantId: 'demo',
        branchId: 'east-2',
        target: 'branch east-2, category metering, subject "燃气表"',
        complaintIds: [g0, g1, g2],
        complainantCount: 3,
        windowStart: '2026-11-24T01:00:00.000Z',
        detectedAt: '2026-11-24T01:02:30.000Z',
      },
      'no_stream',
    );
    await incident(
      'ComplaintJoinedCollectiveIncident',
      {
        incidentId,
        tenantId: 'demo',
        branchId: 'east-2',
        complaintId: g3,
        receivedAt: '2026-11-24T01:03:00.000Z',
        joiningComplainantCount: 1,
        complaintCount: 4,
        complainantCount: 4,
        joinedAt: '2026-11-24T01:03:30.000Z',
      },
      0,
    );
    await project();

    // the join changes the joining complaint's view only: the members detected show the detection
    for (const id of [g0, g1, g2, g3]) {
      const joined = id === g3;
      expect((await get('supervisor1', `/api/v1/complaints/${id}`)).json().collectiveIncident).toEqual({
        incidentId,
        complaintCount: joined ? 4 : 3,
        complainantCount: joined ? 4 : 3,
        joinedAt: joined ? '2026-11-24T01:03:30.000Z' : '2026-11-24T01:02:30.000Z',
      });
    }
    expect((await get('supervisor1', `/api/v1/complaints/${c.billing!.complaintId}`)).json()).toMatchObject({
      collectiveIncident: null,
    });

    expect(await listed('supervisor1', `incidentId=${incidentId}`)).toEqual([g3, g2, g1, g0]);
    expect(
      await listed('supervisor1', `incidentId=${incidentId}&q=${encodeURIComponent('燃气表')}`),
    ).toHaveLength(4);
    expect(await listed('supervisor1', `incidentId=${incidentId}&branchId=east-1`)).toEqual([]);
    const [summary] = (await get('supervisor1', `/api/v1/complaints?incidentId=${incidentId}&limit=1`)).json()
      .items;
    expect(summary.collectiveIncident).toMatchObject({ incidentId, complaintCount: 4 });

    const asOf = (id: string) =>
      get('supervisor1', `/api/v1/complaints/${id}?asOf=${encodeURIComponent(detectedAt)}`);
    expect((await asOf(g0)).json().collectiveIncident).toMatchObject({ incidentId, complaintCount: 3 });
    expect((await asOf(g3)).json().collectiveIncident).toBeNull();
  });

  it('rejects an incidentId that is not a UUID', async () => {
    expect(await badFields('incidentId=nope')).toEqual(['incidentId']);
  });
});

describe('contracts/openapi.yaml', () => {
  const openapi = parse(readFileSync(join(__dirname, '../../../../contracts/openapi.yaml'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const format of ['date-time', 'date', 'uuid', 'email', 'uri']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'openapi', components: openapi.components });
  const schema = (name: string) => ajv.getSchema(`openapi#/components/schemas/${name}`)!;

  it('describes the list and the view as they are served', async () => {
    const page = schema('ComplaintPage');
    for (const query of ['limit=100', `q=${encodeURIComponent('电表')}`, 'status=accepted']) {
      const body = (await get('admin', `/api/v1/complaints?${query}`)).json();
      expect([query, page(body), page.errors]).toEqual([query, true, null]);
    }
    const complaint = schema('Complaint');
    for (const { complaintId } of Object.values(c).filter((x) => x !== c.foreign)) {
      for (const as of ['admin', 'analyst1']) {
        const body = (await get(as, `/api/v1/complaints/${complaintId}`)).json();
        expect([complaint(body), complaint.errors]).toEqual([true, null]);
      }
    }
  });
});
