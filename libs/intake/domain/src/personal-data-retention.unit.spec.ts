import { endingAfter, retentionRanOut } from './personal-data-retention';

const now = new Date('2030-01-01T00:00:00.000Z');

describe('when a complaint ends', () => {
  it.each([
    ['ComplaintReceived', {}, null],
    ['ComplaintAccepted', {}, null],
    ['RejectionAppealed', {}, null],
    ['AppealDecided', { outcome: 'overturned', decidedAt: 't' }, null],
    ['AppealDecided', { outcome: 'upheld', decidedAt: 't' }, 't'],
    ['ComplaintResolvedOnTheSpot', { resolvedAt: 't' }, 't'],
    ['ComplaintRejected', { rejectedAt: 't' }, 't'],
    ['ComplaintWithdrawn', { withdrawnAt: 't' }, 't'],
    ['ComplaintMergedAsDuplicate', { mergedAt: 't' }, 't'],
    ['ComplaintClosed', { closedAt: 't' }, 't'],
  ])('%s %j → ended at %s', (type, data, endedAt) => {
    expect(endingAfter({ type, data })).toEqual({ endedAt });
  });

  it.each(['DuplicateLinked', 'RecordConfirmed', 'RecordCorrected', 'ComplaintClassified'])(
    '%s changes nothing',
    (type) => expect(endingAfter({ type, data: {} })).toBeUndefined(),
  );
});

describe('the retention of a person’s personal data', () => {
  const days = 365;

  it('runs out once every complaint ended at least the retention ago, answering the last ending', () => {
    expect(retentionRanOut(['2028-06-01T00:00:00.000Z', '2028-12-31T00:00:00.000Z'], days, now)).toBe(
      '2028-12-31T00:00:00.000Z',
    );
    expect(retentionRanOut(['2029-01-01T00:00:00.000Z'], days, now)).toBe('2029-01-01T00:00:00.000Z');
  });

  it('has not run out while one complaint ended more recently, or is open', () => {
    expect(
      retentionRanOut(['2028-06-01T00:00:00.000Z', '2029-01-01T00:00:01.000Z'], days, now),
    ).toBeUndefined();
    expect(retentionRanOut(['2020-01-01T00:00:00.000Z', null], days, now)).toBeUndefined();
    expect(retentionRanOut([], days, now)).toBeUndefined();
  });

  it('follows the tenant’s retention', () => {
    expect(retentionRanOut(['2027-06-01T00:00:00.000Z'], 3 * 365, now)).toBeUndefined();
    expect(retentionRanOut(['2026-06-01T00:00:00.000Z'], 3 * 365, now)).toBe('2026-06-01T00:00:00.000Z');
  });
});
