import { follow, get, project, seed } from '../analytics.test-support';
import { useAnalyticsApp } from '../analytics.test-support';

/*
 * A complaint linked to one outside the caller's scope (merged into a complaint of another branch):
 * the view and the history name that complaint by its branch only — never its id nor its reference,
 * which the caller would get 404 for.
 */

useAnalyticsApp();

const CHENGDU = { branchId: 'west-1', branchName: { zh: '成都分公司', en: 'Chengdu Branch' } };
const SHANGHAI = { branchId: 'east-1', branchName: { zh: '上海分公司', en: 'Shanghai Branch' } };

let open: { complaintId: string; reference: string };
let duplicate: { complaintId: string; reference: string };

beforeAll(async () => {
  open = await seed({
    branchId: 'west-1',
    receivedAt: '2026-11-23T01:00:00.000Z',
    description: '宽带维修师傅爽约。',
  });
  duplicate = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-23T02:00:00.000Z',
    description: '宽带维修师傅又爽约了。',
    then: [
      (complaintId) => ({
        type: 'ComplaintMergedAsDuplicate',
        data: {
          complaintId,
          duplicateOf: open.complaintId,
          duplicateOfReference: open.reference,
          similarity: 0.8,
          mergedAt: '2026-11-23T02:00:00.000Z',
        },
      }),
    ],
  });
  await follow(open.complaintId, 1, {
    type: 'DuplicateLinked',
    data: {
      complaintId: open.complaintId,
      duplicateComplaintId: duplicate.complaintId,
      duplicateReference: duplicate.reference,
      linkedAt: '2026-11-23T02:00:00.000Z',
    },
  });
  await project();
});

const read = async (as: string, url: string) => {
  const reply = await get(as, url);
  expect([as, url, reply.statusCode]).toEqual([as, url, 200]);
  return reply;
};

describe('a complaint merged into one of another branch', () => {
  it('names that complaint by its branch only, in the view and the history', async () => {
    expect((await get('agent1', `/api/v1/complaints/${open.complaintId}`)).statusCode).toBe(404);
    const view = await read('agent1', `/api/v1/complaints/${duplicate.complaintId}`);
    expect(view.json()).toMatchObject({ status: 'merged', duplicateOf: null, duplicateElsewhere: CHENGDU });
    const history = await read('agent1', `/api/v1/complaints/${duplicate.complaintId}/history`);
    const merged = history.json().events[1];
    expect(merged.data).toEqual({
      complaintId: duplicate.complaintId,
      similarity: 0.8,
      mergedAt: '2026-11-23T02:00:00.000Z',
    });
    expect(merged.redacted).toEqual(['data.duplicateOf', 'data.duplicateOfReference']);
    for (const reply of [view, history]) {
      expect(reply.body).not.toContain(open.complaintId);
      expect(reply.body).not.toContain(open.reference);
    }
  });

  it('shows the open complaint’s duplicates elsewhere by their branch', async () => {
    const view = await read('agent2', `/api/v1/complaints/${open.complaintId}`);
    expect(view.json()).toMatchObject({ duplicates: [], duplicatesElsewhere: [SHANGHAI] });
    const history = await read('agent2', `/api/v1/complaints/${open.complaintId}/history`);
    expect(history.json().events[1].redacted).toEqual([
      'data.duplicateComplaintId',
      'data.duplicateReference',
    ]);
    for (const reply of [view, history]) {
      expect(reply.body).not.toContain(duplicate.complaintId);
      expect(reply.body).not.toContain(duplicate.reference);
    }
  });

  it('names both complaints to a caller whose scope holds both branches', async () => {
    const view = (await read('director1', `/api/v1/complaints/${duplicate.complaintId}`)).json();
    expect(view).toMatchObject({ duplicateOf: { complaintId: open.complaintId }, duplicateElsewhere: null });
    const other = (await read('director1', `/api/v1/complaints/${open.complaintId}`)).json();
    expect(other).toMatchObject({ duplicates: [duplicate.complaintId], duplicatesElsewhere: [] });
    const { events } = (
      await read('director1', `/api/v1/complaints/${duplicate.complaintId}/history`)
    ).json();
    expect(events[1]).not.toHaveProperty('redacted');
  });
});
