import { GENESIS_HASH, type RecordedEvent, hashEvent, sealEvents } from '@kesu/kernel';
import { AuditExportWriter, StreamEndsInMemory } from './audit-export';
import { AuditExportVerifier, type ExportVerification } from './audit-export-verifier';
import { MerkleAccumulator, merkleLeaf } from './merkle';
import { createHash } from 'node:crypto';

/*
 * Audit export lines and their offline verification: the writer's lines verify, and altering,
 * removing, adding or reordering any one of them is found and named.
 */

const meta = (i: number) => ({
  eventId: `e-${i}`,
  schemaVersion: 1,
  occurredAt: '2026-11-23T02:00:00.000Z',
  tenantId: 'demo',
  branchId: 'east-1',
  correlationId: `c-${i % 3}`,
  causationId: `r-${i}`,
  actor: { kind: 'user' as const, id: 'agent1' },
});

/** Nine events over three streams, interleaved, the second stream starting at revision 2. */
function history(): RecordedEvent[] {
  const heads = new Map<string, { revision: number; hash: string }>([
    ['s-1', { revision: 1, hash: 'f'.repeat(64) }],
  ]);
  return Array.from({ length: 9 }, (_, i) => {
    const streamId = `s-${i % 3}`;
    const head = heads.get(streamId) ?? { revision: -1, hash: GENESIS_HASH };
    const [sealed] = sealEvents(
      streamId,
      head.revision,
      head.hash,
      [{ ...meta(i), type: 'Happened', data: { i } }],
      '2026-11-23T02:00:00.000Z',
    );
    heads.set(streamId, { revision: sealed!.revision, hash: sealed!.hash });
    return { ...sealed!, globalPosition: 10 + i * 2 };
  });
}

function exportOf(
  events: readonly RecordedEvent[],
  redact: (event: RecordedEvent) => boolean = () => false,
): string[] {
  const writer = new AuditExportWriter(new StreamEndsInMemory());
  const lines = events.map((event) =>
    redact(event)
      ? writer.line({ event, data: {}, redacted: ['data.i'] })
      : writer.line({ event, data: event.data, redacted: [] }),
  );
  const header = {
    tenantId: 'demo',
    from: null,
    to: null,
    exportedAt: '2026-12-01T00:00:00.000Z',
    exportedBy: 'regulator1',
  };
  return [...lines, [...writer.manifest(header)].join('')];
}

function verify(lines: readonly string[]): ExportVerification {
  const verifier = new AuditExportVerifier();
  for (const line of lines) verifier.line(line);
  return verifier.end();
}

const badLine = (lines: readonly string[]) => {
  const result = verify(lines);
  return result.valid ? 'valid' : result.problem.line;
};

describe('an audit export', () => {
  it('verifies as written, with a manifest of counts, positions, stream ends and the Merkle root', () => {
    const lines = exportOf(history());
    expect(verify(lines)).toEqual({ valid: true, events: 9, streams: 3, merkleRoot: expect.any(String) });
    const { manifest } = JSON.parse(lines.at(-1)!);
    expect(manifest).toMatchObject({ events: 9, withheld: 0, firstPosition: 10, lastPosition: 26 });
    expect(manifest.streams.map((s: { streamId: string }) => s.streamId)).toEqual(['s-0', 's-1', 's-2']);
    expect(manifest.streams[1]).toMatchObject({
      events: 3,
      firstRevision: 2,
      firstPrevHash: 'f'.repeat(64),
      headRevision: 4,
    });
    const event = JSON.parse(lines[0]!);
    expect(event).toMatchObject({
      line: 1,
      previousLine: '0'.repeat(64),
      globalPosition: 10,
      streamId: 's-0',
      revision: 0,
    });
    const { line, previousLine, globalPosition, hash, ...rest } = event;
    expect(hashEvent(rest)).toBe(hash);
    void [line, previousLine, globalPosition];
  });

  it('verifies an empty export', () => {
    expect(verify(exportOf([]))).toMatchObject({ valid: true, events: 0 });
  });

  it('names the altered line', () => {
    const lines = exportOf(history());
    for (const at of [0, 4, 8]) {
      const altered = [...lines];
      altered[at] = altered[at]!.replace(`"i":${at}`, `"i":${at + 100}`);
      expect(badLine(altered)).toBe(at + 1);
    }
  });

  it('names the line where one was removed, and the manifest when the last one was', () => {
    const lines = exportOf(history());
    for (const at of [0, 3, 7]) expect(badLine(lines.filter((_, i) => i !== at))).toBe(at + 1);
    expect(badLine(lines.filter((_, i) => i !== 8))).toBe(9);
    expect(badLine(lines.slice(0, -1))).toBe(10);
  });

  it('names the first of two lines swapped, and a line added', () => {
    const lines = exportOf(history());
    const swapped = [...lines];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    expect(badLine(swapped)).toBe(6);
    expect(badLine([...lines.slice(0, 2), lines[1]!, ...lines.slice(2)])).toBe(3);
    expect(badLine([...lines, lines[0]!])).toBe(11);
  });

  it('finds a stored event that no longer matches its hash, even when a line was rewritten to hide it', () => {
    const events = history();
    const tampered = events.map((event, i) => (i === 4 ? { ...event, data: { i: 400 } } : event));
    expect(badLine(exportOf(tampered))).toBe(5);
    expect(badLine(exportOf(tampered, (event) => event.eventId === 'e-4'))).toBe(5);
  });

  it("verifies redacted lines by their chain and the exporter's check of the stored hash", () => {
    const lines = exportOf(history(), (event) => event.eventId === 'e-2');
    expect(verify(lines)).toMatchObject({ valid: true, events: 9 });
    expect(JSON.parse(lines.at(-1)!).manifest.withheld).toBe(1);
    const altered = [...lines];
    altered[2] = altered[2]!.replace('"branchId":"east-1"', '"branchId":"east-2"');
    expect(badLine(altered)).toBe(3);
  });

  it('rejects a manifest that does not match the lines', () => {
    const lines = exportOf(history());
    const manifest = JSON.parse(lines.at(-1)!);
    manifest.manifest.streams[0].headHash = 'a'.repeat(64);
    expect(verify([...lines.slice(0, -1), JSON.stringify(manifest)])).toEqual({
      valid: false,
      problem: { line: 10, reason: 'manifest headHash of s-0 does not match the lines' },
    });
  });
});

describe('the Merkle tree hash', () => {
  const node = (a: Buffer, b: Buffer) =>
    createHash('sha256')
      .update(Buffer.from([1]))
      .update(a)
      .update(b)
      .digest();

  it('is that of RFC 6962 for any count of lines', () => {
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(merkleLeaf) as [
      Buffer,
      Buffer,
      Buffer,
      Buffer,
      Buffer,
    ];
    const rootOf = (lines: string[]) => {
      const merkle = new MerkleAccumulator();
      lines.forEach((line) => merkle.add(line));
      return merkle.root();
    };
    expect(rootOf([])).toBe(createHash('sha256').update('').digest('hex'));
    expect(rootOf(['a'])).toBe(a.toString('hex'));
    expect(rootOf(['a', 'b', 'c'])).toBe(node(node(a, b), c).toString('hex'));
    expect(rootOf(['a', 'b', 'c', 'd', 'e'])).toBe(node(node(node(a, b), node(c, d)), e).toString('hex'));
  });
});
