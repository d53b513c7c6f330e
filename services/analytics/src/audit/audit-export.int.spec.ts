import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { intakeStream } from '@kesu/intake-contracts';
import { dataDirectory, get, seed, stores, useAnalyticsApp } from '../analytics.test-support';
import { verifyExportFile } from './verify-export-file';

/*
 * The regulator's audit export through HTTP (analytics.test-support.ts), written to a file and
 * verified offline: it verifies as exported; altering, removing or reordering one line is named; a
 * stored event altered in the database is found too; no personal data leaves.
 */

useAnalyticsApp();

const folder = mkdtempSync(join(tmpdir(), 'kesu-export-spec-'));
let files = 0;
const saved = (lines: readonly string[]): string => {
  const file = join(folder, `export-${++files}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

const accepted = (branchId: string, tenantId = 'demo', receivedAt = '2026-11-23T02:00:00.000Z') =>
  seed({
    tenantId,
    branchId,
    receivedAt,
    description: '营业员态度恶劣，请回电 13912345678。',
    extra: { location: '幸福小区3号楼' },
    then: [(complaintId) => ({ type: 'ComplaintAccepted', data: { complaintId, acceptedAt: receivedAt } })],
  });

async function exported(query = ''): Promise<string[]> {
  const reply = await get('regulator1', `/api/v1/audit/export${query}`);
  expect(reply.statusCode).toBe(200);
  expect(reply.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
  expect(reply.body.endsWith('\n')).toBe(true);
  return reply.body.slice(0, -1).split('\n');
}

const problemOf = async (lines: readonly string[]) => {
  const result = await verifyExportFile(saved(lines));
  return result.valid ? 'valid' : result.problem.line;
};

describe('GET /api/v1/audit/export', () => {
  beforeAll(async () => {
    for (const branch of ['east-1', 'east-2', 'west-1']) await accepted(branch);
    await accepted('east-1', 'other');
  });

  it('exports every event of the tenant in global order with its hashes, then a manifest, and verifies offline', async () => {
    const lines = await exported();
    const events = lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(events).toHaveLength(6);
    expect(events.every((event) => event.tenantId === 'demo')).toBe(true);
    const positions = events.map((event) => event.globalPosition);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const stored = await stores().store.readStream(intakeStream(events[0].correlationId));
    expect(events[1]).toMatchObject({ hash: stored[1]!.hash, prevHash: stored[0]!.hash, revision: 1 });
    const { manifest } = JSON.parse(lines.at(-1)!);
    expect(manifest).toMatchObject({
      format: 'kesu.audit-export.v1',
      tenantId: 'demo',
      exportedBy: 'regulator1',
      events: 6,
      withheld: 3,
      firstPosition: positions[0],
      lastPosition: positions.at(-1),
    });
    expect(manifest.streams).toHaveLength(3);
    expect(manifest.streams[0]).toMatchObject({ events: 2, firstRevision: 0, headRevision: 1 });
    expect(await verifyExportFile(saved(lines))).toEqual({
      valid: true,
      events: 6,
      streams: 3,
      merkleRoot: manifest.merkleRoot,
    });
  });

  it('leaves personal data out and names it, for a regulator', async () => {
    const lines = await exported();
    const received = JSON.parse(lines[0]!);
    expect(received.type).toBe('ComplaintReceived');
    expect(received.redacted).toEqual(['data.complainant', 'data.description', 'data.location']);
    expect(received.storedHashValid).toBe(true);
    expect(lines.join('\n')).not.toMatch(/13912345678|幸福小区|customer-C-/);
  });

  it('exports the events recorded in the window only', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = await accepted('east-1');
    const lines = await exported(`?from=${encodeURIComponent(before)}`);
    expect(lines.slice(0, -1).map((line) => JSON.parse(line).correlationId)).toEqual([
      later.complaintId,
      later.complaintId,
    ]);
    expect(await problemOf(lines)).toBe('valid');
    expect(await exported(`?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).toHaveLength(1);
  });

  it('names the line altered, removed or moved', async () => {
    const lines = await exported();
    const altered = [...lines];
    altered[1] = altered[1]!.replace(
      '"acceptedAt":"2026-11-23T02:00:00.000Z"',
      '"acceptedAt":"2026-11-24T02:00:00.000Z"',
    );
    expect(await problemOf(altered)).toBe(2);
    expect(await problemOf(lines.filter((_, i) => i !== 2))).toBe(3);
    const moved = [...lines];
    [moved[3], moved[4]] = [moved[4]!, moved[3]!];
    expect(await problemOf(moved)).toBe(4);
    expect(await problemOf(lines.slice(0, -1))).toBe(lines.length);
  });

  it('finds a stored event altered in the database', async () => {
    const before = await exported();
    const { eventId, correlationId } = JSON.parse(before[1]!);
    const db = new DatabaseSync(join(dataDirectory(), 'kesu.db'));
    db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(
      JSON.stringify({ complaintId: correlationId, acceptedAt: '2026-01-01T00:00:00.000Z' }),
      eventId,
    );
    const received = JSON.parse(before[0]!).eventId;
    db.prepare("UPDATE events SET branch_id = 'west-2' WHERE event_id = ?").run(received);
    db.close();
    const after = await exported();
    const result = await verifyExportFile(saved(after));
    expect(result).toEqual({
      valid: false,
      problem: { line: 1, reason: 'the stored event does not match its hash (checked at export)' },
    });
    expect(
      await problemOf([
        after[0]!.replace('"storedHashValid":false', '"storedHashValid":true'),
        ...after.slice(1),
      ]),
    ).toBe(1);
  });

  it('is for regulators, with instants for a window', async () => {
    for (const as of ['analyst1', 'agent1', 'admin']) {
      expect([as, (await get(as, '/api/v1/audit/export')).statusCode]).toEqual([as, 403]);
    }
    expect((await get(undefined, '/api/v1/audit/export')).statusCode).toBe(401);
    expect((await get('regulator1', '/api/v1/audit/export?from=yesterday')).statusCode).toBe(400);
    expect((await get('regulator1', '/api/v1/audit/export?since=2026-01-01T00:00:00Z')).statusCode).toBe(400);
  });
});
