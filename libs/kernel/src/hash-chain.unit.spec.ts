import type { NewEvent, SealedEvent } from './envelope';
import { GENESIS_HASH, hashEvent, sealEvents, verifyChains } from './hash-chain';

const newEvent = (n: number, correlationId = 'c-1'): NewEvent => ({
  eventId: `e-${correlationId}-${n}`,
  type: 'ComplaintReceived',
  schemaVersion: 1,
  data: { n, text: '投诉内容' },
  occurredAt: '2026-11-23T02:00:00.000Z',
  tenantId: 'demo',
  branchId: 'east-1',
  correlationId,
  causationId: 'req-1',
  actor: { kind: 'user', id: 'agent1', roles: ['agent'] },
});

const recordedAt = '2026-11-23T02:00:01.000Z';

describe('hash chain', () => {
  const chain = sealEvents(
    'intake-complaint-c-1',
    -1,
    GENESIS_HASH,
    [newEvent(0), newEvent(1), newEvent(2)],
    recordedAt,
  );

  it('links each event to the one before it, starting from the genesis hash', () => {
    expect(chain.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain[2]!.prevHash).toBe(chain[1]!.hash);
    expect(chain[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('continues a stream from its head', () => {
    const more = sealEvents('intake-complaint-c-1', 2, chain[2]!.hash, [newEvent(3)], recordedAt);
    expect(verifyChains([...chain, ...more])).toEqual({ valid: true, eventsChecked: 4 });
  });

  it('does not depend on key order', () => {
    const { hash, ...rest } = chain[0]!;
    const reordered = Object.fromEntries(Object.entries(rest).reverse()) as Omit<SealedEvent, 'hash'>;
    expect(hashEvent(reordered)).toBe(hash);
  });

  it('verifies interleaved streams of one complaint', () => {
    const other = sealEvents('sla-c-1', -1, GENESIS_HASH, [newEvent(0), newEvent(1)], recordedAt);
    expect(verifyChains([chain[0]!, other[0]!, chain[1]!, other[1]!, chain[2]!]).valid).toBe(true);
  });

  it('finds altered data', () => {
    const tampered = [chain[0]!, { ...chain[1]!, data: { n: 1, text: '已篡改' } }, chain[2]!];
    expect(verifyChains(tampered)).toMatchObject({
      valid: false,
      eventsChecked: 1,
      brokenAt: { streamId: 'intake-complaint-c-1', revision: 1, reason: 'hash does not match the content' },
    });
  });

  it('finds a removed event', () => {
    expect(verifyChains([chain[0]!, chain[2]!])).toMatchObject({ valid: false, brokenAt: { revision: 2 } });
  });

  it('finds a rehashed event that no longer links to its successor', () => {
    const forged = { ...chain[1]!, actor: { kind: 'user' as const, id: 'someone-else' } };
    const { hash: _old, ...rest } = forged;
    const rehashed = { ...forged, hash: hashEvent(rest) };
    expect(verifyChains([chain[0]!, rehashed, chain[2]!])).toMatchObject({
      valid: false,
      brokenAt: { revision: 2, reason: 'prevHash does not match the previous event' },
    });
  });
});
