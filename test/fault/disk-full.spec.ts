import { type EmbeddedStorage } from '@kesu/adapter-embedded';
import { EMBEDDED_STORAGE } from '@kesu/platform';
import { type SecurityApp, startSecurityApp } from '../security/security-app.test-support';
import { complaintBody, register } from '../security/seed.test-support';

/*
 * The disk fills while the host runs (SQLite's `max_page_count` pinned to the file's size): a change
 * answers 503 with a clear problem and stores nothing, reads keep answering, and once space returns
 * the same change succeeds without a restart.
 */

let t: SecurityApp;
beforeAll(async () => {
  t = await startSecurityApp('disk-full', { rateLimits: false });
}, 120_000);
afterAll(() => t?.close());

it('answers writes 503 while the disk is full, keeps reading, and recovers by itself', async () => {
  const existing = await register(t, complaintBody({ branchId: 'east-1' }));
  await t.settle();
  const db = t.app.get<EmbeddedStorage>(EMBEDDED_STORAGE).database.db;
  const pages = Number(db.prepare('PRAGMA page_count').get()?.page_count);
  db.exec(`PRAGMA max_page_count = ${pages}`);

  const before = await t.stored();
  const body = complaintBody({ branchId: 'east-1', description: '账单多扣了三十元，'.repeat(400) });
  const full = await t.send('admin', {
    method: 'POST',
    url: '/api/v1/complaints',
    payload: body,
    headers: { 'idempotency-key': 'disk-full-1' },
  });
  expect(full.statusCode).toBe(503);
  expect(full.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(full.headers['retry-after']).toBe('60');
  expect(full.json()).toMatchObject({ type: 'urn:kesu:problem:storage-full', title: 'Storage full' });
  expect((await t.stored()).headPosition).toBe(before.headPosition);

  const read = await t.send('admin', { method: 'GET', url: `/api/v1/complaints/${existing.complaintId}` });
  expect(read.statusCode).toBe(200);

  db.exec(`PRAGMA max_page_count = ${pages * 1000}`);
  const again = await t.send('admin', {
    method: 'POST',
    url: '/api/v1/complaints',
    payload: body,
    headers: { 'idempotency-key': 'disk-full-1' },
  });
  expect(again.statusCode).toBe(201);
});
