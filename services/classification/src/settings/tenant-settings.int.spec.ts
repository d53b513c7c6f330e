import type { ComplaintClassifiedData } from '@kesu/classification-contracts';
import { aNewEvent } from '@kesu/testing';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { SETTINGS_FRESH_MS, TenantSettings } from './tenant-settings.service';

/* The tenant's thresholds and retraining policy through HTTP: every change an event with who and why. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);
/** PUT /api/v1/classification/settings with a reason, as `as` (an administrator by default). */
const put = (body: object, as = 'admin') =>
  t.request(as, 'PUT', '/api/v1/classification/settings', { reason: '按投诉量调整', ...body });

describe('confidence threshold', () => {
  const BILLING = '这个月电费bill多收了两百元，要求退还多收的电费。';

  it('is 0.5 until changed, readable by every user of the tenant', async () => {
    const reply = await t.request('agent1', 'GET', '/api/v1/classification/settings');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      confidenceThreshold: 0.5,
      autoRetrainAfter: 50,
      collectiveThreshold: 5,
      revision: -1,
    });
    expect(reply.headers.etag).toBeUndefined();
  });

  it('is changed by an administrator, as an event, and flags the next complaint below it for people', async () => {
    const before = await t.receive({ description: BILLING });
    const [first] = await t.classified(before.complaintId);
    const confident = first!.data as ComplaintClassifiedData;
    expect(confident.confidence).toBeGreaterThanOrEqual(0.5);
    expect(confident.confidence).toBeLessThan(1);
    expect(confident.needsHumanReview).toBe(false);

    const changed = await put({ confidenceThreshold: 1 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({
      confidenceThreshold: 1,
      autoRetrainAfter: 50,
      collectiveThreshold: 5,
      revision: 0,
    });
    expect((await t.request('handler1', 'GET', '/api/v1/classification/settings')).json()).toMatchObject({
      confidenceThreshold: 1,
      autoRetrainAfter: 50,
    });
    const events = await t.store.readStream('classification-threshold-demo');
    expect(events.map((e) => [e.type, e.actor.id, e.data])).toEqual([
      [
        'ConfidenceThresholdChanged',
        'user-admin',
        expect.objectContaining({ tenantId: 'demo', confidenceThreshold: 1, previousThreshold: 0.5 }),
      ],
    ]);

    const after = await t.receive({ description: BILLING });
    const [next] = await t.classified(after.complaintId);
    const unsure = next!.data as ComplaintClassifiedData;
    expect(unsure.category).toBe(confident.category);
    expect(unsure.confidence).toBe(confident.confidence);
    expect(unsure.needsHumanReview).toBe(true);

    // the same threshold again records nothing
    const same = await put({ confidenceThreshold: 1 });
    expect(same.statusCode).toBe(200);
    expect(await t.store.readStream('classification-threshold-demo')).toHaveLength(1);

    // other tenants keep the default
    const elsewhere = await t.receive({ description: BILLING, tenantId: 'other-tenant' });
    const [theirs] = await t.classified(elsewhere.complaintId);
    expect((theirs!.data as ComplaintClassifiedData).needsHumanReview).toBe(false);

    await put({ confidenceThreshold: 0.5 });
  });

  it('refuses a threshold outside 0–1 or not a number, naming the field, and non-administrators', async () => {
    for (const body of [
      { confidenceThreshold: 1.5 },
      { confidenceThreshold: -0.1 },
      { confidenceThreshold: '0.7' },
      {},
      { confidenceThreshold: 0.7, extra: true },
    ]) {
      const reply = await put(body);
      expect(reply.statusCode).toBe(400);
      expect(fields(reply.json()).length).toBeGreaterThan(0);
    }
    const bad = await put({ confidenceThreshold: 2 });
    expect(fields(bad.json())).toEqual(['confidenceThreshold']);
    const supervisor = await put({ confidenceThreshold: 0.7 }, 'supervisor1');
    expect(supervisor.statusCode).toBe(403);
  });
});

describe('automatic retraining policy', () => {
  it('is 50 until changed, changed by an administrator as an event, alone or with the threshold', async () => {
    const changed = await put({ autoRetrainAfter: 0 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ confidenceThreshold: 0.5, autoRetrainAfter: 0 });
    const both = await put({ confidenceThreshold: 0.6, autoRetrainAfter: 200 });
    expect(both.json()).toMatchObject({ confidenceThreshold: 0.6, autoRetrainAfter: 200 });
    expect((await t.request('analyst1', 'GET', '/api/v1/classification/settings')).json()).toMatchObject({
      confidenceThreshold: 0.6,
      autoRetrainAfter: 200,
    });
    const events = await t.store.readStream('classification-autoretrain-demo');
    expect(events.map((e) => [e.type, e.actor.id, e.data])).toEqual([
      [
        'AutoRetrainChanged',
        'user-admin',
        expect.objectContaining({ autoRetrainAfter: 0, previousAutoRetrainAfter: 50 }),
      ],
      [
        'AutoRetrainChanged',
        'user-admin',
        expect.objectContaining({ autoRetrainAfter: 200, previousAutoRetrainAfter: 0 }),
      ],
    ]);
    await put({ confidenceThreshold: 0.5, autoRetrainAfter: 50 });
  });

  it('refuses anything but a whole number from 0 to a million, naming the field', async () => {
    for (const autoRetrainAfter of [-1, 2.5, '10', 1_000_001, null]) {
      const reply = await put({ autoRetrainAfter });
      expect(reply.statusCode).toBe(400);
      expect(fields(reply.json())).toContain('autoRetrainAfter');
    }
    expect(await t.store.readStream('classification-autoretrain-demo')).toHaveLength(3);
  });
});

describe('collective threshold', () => {
  const reason = '本地小区联名投诉多为 8 户以上';

  it('is 5 until changed, then changed by an administrator as its own event, with who and why', async () => {
    const settings = t.app.get(TenantSettings);
    expect(await settings.collectiveThreshold('demo')).toBe(5);
    const thresholdEvents = (await t.store.readStream('classification-threshold-demo')).length;

    const changed = await put({ collectiveThreshold: 8, reason });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ collectiveThreshold: 8, confidenceThreshold: 0.5 });
    expect((await t.request('agent1', 'GET', '/api/v1/classification/settings')).json()).toMatchObject({
      collectiveThreshold: 8,
    });
    const events = await t.store.readStream('classification-collectivethreshold-demo');
    expect(events.map((e) => [e.type, e.actor.id, e.data])).toEqual([
      [
        'CollectiveThresholdChanged',
        'user-admin',
        {
          tenantId: 'demo',
          collectiveThreshold: 8,
          previousCollectiveThreshold: 5,
          changedBy: 'user-admin',
          changedAt: expect.any(String),
          reason,
        },
      ],
    ]);
    expect(await t.store.readStream('classification-threshold-demo')).toHaveLength(thresholdEvents);
    expect(await settings.collectiveThreshold('demo')).toBe(8);
    expect(await settings.collectiveThreshold('other-tenant')).toBe(5);

    expect((await put({ collectiveThreshold: 8 })).statusCode).toBe(200);
    expect(await t.store.readStream('classification-collectivethreshold-demo')).toHaveLength(1);
    await put({ collectiveThreshold: 5 });
  });

  it('refuses anything but a whole number from 2 to 1000, naming the field, and non-administrators', async () => {
    const before = (await t.store.readStream('classification-collectivethreshold-demo')).length;
    for (const collectiveThreshold of [1, 0, 1001, 2.5, '10', null]) {
      const reply = await put({ collectiveThreshold });
      expect(reply.statusCode).toBe(400);
      expect(fields(reply.json())).toEqual(['collectiveThreshold']);
    }
    for (const as of ['supervisor1', 'handler1', 'director1']) {
      expect((await put({ collectiveThreshold: 10 }, as)).statusCode).toBe(403);
    }
    expect((await put({ collectiveThreshold: 2 })).statusCode).toBe(200);
    expect((await put({ collectiveThreshold: 1000 })).statusCode).toBe(200);
    expect(await t.store.readStream('classification-collectivethreshold-demo')).toHaveLength(before + 2);
    await put({ collectiveThreshold: 5 });
  });
});

describe('the values classification reads for every complaint', () => {
  it('are held for a second: a change another process recorded applies within it, one made here at once', async () => {
    const settings = t.app.get(TenantSettings);
    const streamId = 'classification-collectivethreshold-other-process';
    const tenantId = 'other-process';
    expect(await settings.collectiveThreshold(tenantId)).toBe(5);

    // another process records a change: this one answers from what it holds until a second has passed
    const changed = aNewEvent(
      'CollectiveThresholdChanged',
      {
        tenantId,
        collectiveThreshold: 8,
        previousCollectiveThreshold: 5,
        reason: '另一进程调整',
        changedBy: 'user-admin',
        changedAt: '2026-11-23T02:00:00.000Z',
      },
      { tenantId, correlationId: `collectivethreshold-${tenantId}` },
    );
    await t.store.appendToStream(streamId, [changed], 'no_stream');
    expect(await settings.collectiveThreshold(tenantId)).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, SETTINGS_FRESH_MS + 50));
    expect(await settings.collectiveThreshold(tenantId)).toBe(8);

    // a change recorded here applies to the next read at once
    expect(await settings.collectiveThreshold('demo')).toBe(5);
    expect((await put({ collectiveThreshold: 7 })).statusCode).toBe(200);
    expect(await settings.collectiveThreshold('demo')).toBe(7);
    await put({ collectiveThreshold: 5 });
  });
});
