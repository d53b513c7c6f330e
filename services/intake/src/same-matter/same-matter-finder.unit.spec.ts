import { DEFAULT_INTAKE_POLICY, textTokens } from '@kesu/intake-domain';
import {
  type IdentityIndex,
  type IdentityIndexEntry,
  type IndexedStatus,
  statusAfter,
} from './identity-index';
import { findSameMatter } from './same-matter-finder';

const NO_SHOW = '约好周六上午上门维修宽带，维修师傅没来，也没打电话通知，白等了一上午。';
const AGAIN = '宽带维修师傅又爽约了，说好上门维修一直没来。';
const now = new Date('2026-11-23T02:00:00.000Z');

let serial = 0;
function entry(
  status: IndexedStatus,
  description = NO_SHOW,
  extra: Partial<IdentityIndexEntry> = {},
): IdentityIndexEntry {
  serial++;
  return {
    _id: `demo:k1:c${serial}`,
    tenantId: 'demo',
    keyHash: 'k1',
    complaintId: `c${serial}`,
    reference: `KS-20261120-${String(serial).padStart(6, '0')}`,
    branchId: 'east-1',
    subjectType: 'service',
    subjectName: '宽带维修',
    tokens: [...textTokens(description)],
    receivedAt: new Date(now.getTime() - (100 - serial) * 60_000).toISOString(),
    status,
    statusPosition: serial,
    ...extra,
  };
}

/** An index answering with these entries, newest first, as the real one does. */
const indexOf = (...entries: IdentityIndexEntry[]) =>
  ({
    earlier: async () => [...entries].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
  }) as unknown as IdentityIndex;

const find = (
  index: IdentityIndex,
  subject: { type: 'service' | 'staff'; name?: string } = { type: 'service', name: '宽带维修' },
) =>
  findSameMatter(index, DEFAULT_INTAKE_POLICY, {
    tenantId: 'demo',
    keyHashes: ['k1'],
    subject,
    tokens: textTokens(AGAIN),
    receivedAt: now,
  });

describe('finding the same matter', () => {
  it('finds an open complaint as a duplicate, with its similarity', async () => {
    const open = entry('accepted');
    expect(await find(indexOf(open))).toEqual({
      complaintId: open.complaintId,
      reference: open.reference,
      open: true,
      similarity: expect.any(Number),
    });
  });

  it('finds an ended one as a repeat', async () => {
    for (const status of ['resolved_on_the_spot', 'rejected', 'withdrawn', 'closed'] as const) {
      expect(await find(indexOf(entry(status)))).toMatchObject({ open: false });
    }
  });

  it('prefers an open complaint to a more similar ended one', async () => {
    const ended = entry('withdrawn', AGAIN);
    const open = entry('received');
    expect(await find(indexOf(ended, open))).toMatchObject({ complaintId: open.complaintId, open: true });
  });

  it('prefers the most similar, then the latest', async () => {
    const [a, b] = [entry('received'), entry('received', AGAIN)];
    expect(await find(indexOf(a, b))).toMatchObject({ complaintId: b.complaintId, similarity: 1 });
    const [c, d] = [entry('received', AGAIN), entry('received', AGAIN)];
    expect(await find(indexOf(c, d))).toMatchObject({ complaintId: d.complaintId });
  });

  it('passes over merged complaints, other subjects and other matters', async () => {
    expect(await find(indexOf(entry('merged')))).toBeUndefined();
    expect(await find(indexOf(entry('received', NO_SHOW, { subjectType: 'staff' })))).toBeUndefined();
    expect(await find(indexOf(entry('received', NO_SHOW, { subjectName: '宽带套餐资费' })))).toBeUndefined();
    expect(
      await find(indexOf(entry('received', '宽带每天晚上八点以后网速特别慢，看视频一直卡。'))),
    ).toBeUndefined();
  });

  it('compares names only when both complaints name the subject', async () => {
    expect(await find(indexOf(entry('received', NO_SHOW, { subjectName: null })))).toBeDefined();
    expect(await find(indexOf(entry('received')), { type: 'service' })).toBeDefined();
  });
});

describe('the status an event leaves a complaint in', () => {
  it.each([
    ['ComplaintReceived', {}, 'received'],
    ['ComplaintResolvedOnTheSpot', {}, 'resolved_on_the_spot'],
    ['ComplaintAccepted', {}, 'accepted'],
    ['ComplaintRejected', {}, 'rejected'],
    ['RejectionAppealed', {}, 'appealed'],
    ['AppealDecided', { outcome: 'overturned' }, 'accepted'],
    ['AppealDecided', { outcome: 'upheld' }, 'rejected'],
    ['ComplaintWithdrawn', {}, 'withdrawn'],
    ['ComplaintMergedAsDuplicate', {}, 'merged'],
    ['ComplaintClosed', {}, 'closed'],
    ['DuplicateLinked', {}, undefined],
    ['RecordConfirmed', {}, undefined],
  ])('%s %j → %s', (type, data, status) => {
    expect(statusAfter({ type, data })).toBe(status);
  });
});
