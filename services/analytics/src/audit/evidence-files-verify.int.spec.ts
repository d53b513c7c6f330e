import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseStream } from '@kesu/assignment-contracts';
import { FILE_STORE } from '@kesu/platform';
import type { FileStore } from '@kesu/ports';
import { v7 as uuidv7 } from 'uuid';
import { dataDirectory, get, provider, seed, stores, useAnalyticsApp } from '../analytics.test-support';

/*
 * `GET /api/v1/complaints/{id}/history/verify` re-hashes every evidence file the history names: a
 * file changed on disk under DATA_DIR, or gone, makes the history invalid and is reported by the
 * event that names it — its hashes only to those who see personal data.
 */

useAnalyticsApp();

const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A complaint of east-1 whose case recorded the files as evidence, stored in the file store (unless `stored` is false). */
async function withEvidence(contents: Buffer[], stored = true) {
  const { complaintId } = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-23T02:00:00.000Z',
    description: '电表读数异常，多收电费。',
  });
  const files = provider<FileStore>(FILE_STORE);
  if (stored) for (const content of contents) await files.put('demo', sha(content), content, 'image/png');
  await stores().store.appendToStream(
    caseStream(complaintId),
    contents.map((content, i) => ({
      eventId: uuidv7(),
      type: 'EvidenceAdded',
      schemaVersion: 1,
      data: {
        complaintId,
        evidenceId: uuidv7(),
        kind: 'file',
        file: {
          sha256: sha(content),
          size: content.length,
          mediaType: 'image/png',
          fileName: `photo-${i}.png`,
        },
        addedBy: 'user-handler2',
        addedAt: '2026-11-23T03:00:00.000Z',
      },
      occurredAt: '2026-11-23T03:00:00.000Z',
      tenantId: 'demo',
      branchId: 'east-1',
      correlationId: complaintId,
      causationId: `request-evidence-${i}`,
      actor: { kind: 'user' as const, id: 'user-handler2', roles: ['handler'] },
    })),
    'no_stream',
  );
  return complaintId;
}

const PHOTO = Buffer.from('\x89PNG\r\n\x1a\n meter photo');
const LETTER = Buffer.from('\x89PNG\r\n\x1a\n scanned letter');

describe('verifying the evidence files of a history', () => {
  it('re-hashes each file the history names: intact files keep it valid', async () => {
    const id = await withEvidence([PHOTO, LETTER]);
    const reply = await get('supervisor1', `/api/v1/complaints/${id}/history/verify`);
    expect(reply.json()).toEqual({ valid: true, eventsChecked: 3, filesChecked: 2 });
  });

  it('reports a file changed on disk under DATA_DIR by the event naming it, its hashes only to those who see personal data', async () => {
    const id = await withEvidence([PHOTO, LETTER]);
    const changed = Buffer.concat([LETTER, Buffer.from('x')]);
    const letter = sha(LETTER);
    writeFileSync(join(dataDirectory(), 'files', 'demo', letter.slice(0, 2), letter), changed);
    const reply = await get('supervisor1', `/api/v1/complaints/${id}/history/verify`);
    expect(reply.json()).toEqual({
      valid: false,
      eventsChecked: 3,
      filesChecked: 2,
      alteredFiles: [
        {
          streamId: caseStream(id),
          revision: 1,
          problem: 'altered',
          sha256: letter,
          actualSha256: sha(changed),
        },
      ],
    });
    const analyst = await get('analyst1', `/api/v1/complaints/${id}/history/verify`);
    expect(analyst.json()).toMatchObject({
      valid: false,
      alteredFiles: [{ streamId: caseStream(id), revision: 1, problem: 'altered' }],
    });
    expect(JSON.stringify(analyst.json())).not.toContain(letter);
  });

  it('reports a file the store does not have as missing', async () => {
    const never = Buffer.from('\x89PNG\r\n\x1a\n never stored');
    const id = await withEvidence([never], false);
    const reply = await get('supervisor1', `/api/v1/complaints/${id}/history/verify`);
    expect(reply.json()).toEqual({
      valid: false,
      eventsChecked: 2,
      filesChecked: 1,
      alteredFiles: [{ streamId: caseStream(id), revision: 0, problem: 'missing', sha256: sha(never) }],
    });
  });
});
