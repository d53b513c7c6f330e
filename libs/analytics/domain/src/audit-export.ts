import { type SealedEvent, hashEvent, sealedFieldsOf } from '@kesu/kernel';
import { MerkleAccumulator, lineHash } from './merkle';

/** The format named in every export's manifest. */
export const AUDIT_EXPORT_FORMAT = 'kesu.audit-export.v1';

/** The `previousLine` of an export's first line. */
export const FIRST_LINE_PREVIOUS = '0'.repeat(64);

/**
 * One line of an audit export: a stored event with every field its hash covers, its hash, its global
 * position, its line number and the SHA-256 of the line before it (so a removed, added or moved line
 * breaks the next one). `redacted` names what was withheld from a reader who may not see personal
 * data; such a line's hash cannot be recomputed offline, so the exporter checked it against the
 * stored content (`storedHashValid`).
 */
export type AuditExportLine = {
  readonly line: number;
  readonly previousLine: string;
  readonly globalPosition: number;
  readonly redacted?: readonly string[];
  readonly storedHashValid?: boolean;
} & Omit<SealedEvent, 'data'> & { readonly data: unknown };

/** One stream's part of an export: the revisions it covers and the hashes at both ends. */
export interface ExportedStream {
  readonly streamId: string;
  readonly events: number;
  readonly firstRevision: number;
  /** The `prevHash` of the stream's first exported event: the anchor of its chain in this export. */
  readonly firstPrevHash: string;
  readonly headRevision: number;
  readonly headHash: string;
}

/** The last line of an export, `{"manifest": …}`. */
export interface AuditExportManifest {
  readonly format: typeof AUDIT_EXPORT_FORMAT;
  readonly tenantId: string;
  /** The window of `recordedAt` asked for: from inclusive, to exclusive (null: open). */
  readonly from: string | null;
  readonly to: string | null;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly events: number;
  /** Lines whose data was partly withheld (`redacted`): their hashes were checked by the exporter. */
  readonly withheld: number;
  readonly firstPosition: number | null;
  readonly lastPosition: number | null;
  /** SHA-256 of the last event line (what a line after it would name as `previousLine`). */
  readonly lastLineHash: string;
  /** RFC 6962 Merkle tree hash over the event lines' UTF-8 texts, in order. */
  readonly merkleRoot: string;
  /** Every stream with an event in the export, by stream id. */
  readonly streams: readonly ExportedStream[];
}

/** Where an export keeps each stream's ends while it writes (in memory, or spilled to disk). */
export interface StreamEnds {
  get(streamId: string): ExportedStream | undefined;
  set(stream: ExportedStream): void;
  /** Every stream, by stream id. */
  all(): Iterable<ExportedStream>;
}

/** Stream ends in a map: for tests and small exports. */
export class StreamEndsInMemory implements StreamEnds {
  private readonly streams = new Map<string, ExportedStream>();
  get = (streamId: string): ExportedStream | undefined => this.streams.get(streamId);
  set = (stream: ExportedStream): void => void this.streams.set(stream.streamId, stream);
  all = (): Iterable<ExportedStream> =>
    [...this.streams.values()].sort((a, b) => compare(a.streamId, b.streamId));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An event as an export line shows it: the stored event, its data as the reader may see it, and the
 * paths of what was withheld (`data.location`; an envelope field by its name, `causationId`, is left out).
 */
export interface ExportedEvent {
  readonly event: SealedEvent & { readonly globalPosition: number };
  readonly data: unknown;
  readonly redacted: readonly string[];
}

/** What the manifest says about the export beyond what its lines give. */
export type ExportHeader = Pick<
  AuditExportManifest,
  'tenantId' | 'from' | 'to' | 'exportedAt' | 'exportedBy'
>;

/**
 * Writes an audit export one line at a time (`AuditExportVerifier` checks it): memory stays that
 * of the Merkle accumulator and the stream ends, whatever the number of events.
 */
export class AuditExportWriter {
  private readonly merkle = new MerkleAccumulator();
  private lines = 0;
  private withheld = 0;
  private previous = FIRST_LINE_PREVIOUS;
  private firstPosition: number | null = null;
  private lastPosition: number | null = null;

  constructor(private readonly ends: StreamEnds) {}

  /** The line of the next event (global order); `storedHashValid` is stated on redacted lines. */
  line({ event, data, redacted }: ExportedEvent): string {
    this.lines++;
    const { hash, ...unsealed } = sealedFieldsOf(event);
    const envelope = Object.fromEntries(
      Object.entries(unsealed).filter(([field]) => !redacted.includes(field)),
    );
    const line = {
      line: this.lines,
      previousLine: this.previous,
      globalPosition: event.globalPosition,
      ...envelope,
      data,
      hash,
      ...(redacted.length > 0 && { redacted, storedHashValid: hashEvent(unsealed) === hash }),
    };
    if (redacted.length > 0) this.withheld++;
    const text = JSON.stringify(line);
    this.merkle.add(text);
    this.previous = lineHash(text);
    this.firstPosition ??= event.globalPosition;
    this.lastPosition = event.globalPosition;
    const seen = this.ends.get(event.streamId);
    this.ends.set({
      streamId: event.streamId,
      events: (seen?.events ?? 0) + 1,
      firstRevision: seen?.firstRevision ?? event.revision,
      firstPrevHash: seen?.firstPrevHash ?? event.prevHash,
      headRevision: event.revision,
      headHash: hash,
    });
    return text;
  }

  /** The manifest line, in pieces (one per stream), so a long list of streams is never one string. */
  *manifest(header: ExportHeader): Iterable<string> {
    const manifest: Omit<AuditExportManifest, 'streams'> = {
      format: AUDIT_EXPORT_FORMAT,
      ...header,
      events: this.lines,
      withheld: this.withheld,
      firstPosition: this.firstPosition,
      lastPosition: this.lastPosition,
      lastLineHash: this.previous,
      merkleRoot: this.merkle.root(),
    };
    yield `{"manifest":${JSON.stringify(manifest).slice(0, -1)},"streams":[`;
    let first = true;
    for (const stream of this.ends.all()) {
      yield `${first ? '' : ','}${JSON.stringify(stream)}`;
      first = false;
    }
    yield ']}}';
  }
}
