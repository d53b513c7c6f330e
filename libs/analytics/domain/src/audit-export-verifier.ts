import { GENESIS_HASH, HASHED_FIELDS, type SealedEvent, hashEvent } from '@kesu/kernel';
import {
  AUDIT_EXPORT_FORMAT,
  type AuditExportManifest,
  type ExportedStream,
  FIRST_LINE_PREVIOUS,
} from './audit-export';
import { MerkleAccumulator, lineHash } from './merkle';

/** The first line of an export that does not verify, and why. */
export interface ExportProblem {
  readonly line: number;
  readonly reason: string;
}

/** The outcome of verifying an export. */
export type ExportVerification =
  | { readonly valid: true; readonly events: number; readonly streams: number; readonly merkleRoot: string }
  | { readonly valid: false; readonly problem: ExportProblem };

interface StreamSeen {
  events: number;
  firstRevision: number;
  firstPrevHash: string;
  headRevision: number;
  headHash: string;
}

type Json = Record<string, unknown>;

/**
 * Verifies an audit export line by line, offline: each event's hash against its content, each
 * stream's chain, global order, every line chained to the one before it, and at the end the
 * manifest (counts, positions, each stream's ends, the Merkle root). Feed the lines in order with
 * `line`, then call `end`; the first problem found is the answer, naming its line.
 */
export class AuditExportVerifier {
  private readonly merkle = new MerkleAccumulator();
  private readonly streams = new Map<string, StreamSeen>();
  private lines = 0;
  private events = 0;
  private previous = FIRST_LINE_PREVIOUS;
  private firstPosition: number | null = null;
  private lastPosition: number | null = null;
  private manifest: AuditExportManifest | null = null;
  private problem: ExportProblem | null = null;

  /** Checks the next line (its text without the line break); answers the first problem so far. */
  line(text: string): ExportProblem | null {
    if (this.problem) return this.problem;
    this.lines++;
    const reason = this.check(text);
    if (reason) this.problem = { line: reason.line ?? this.lines, reason: reason.reason };
    return this.problem;
  }

  /** The verdict once every line was given. */
  end(): ExportVerification {
    if (!this.problem && !this.manifest) {
      this.problem = { line: this.lines + 1, reason: 'the manifest is missing: the export was cut short' };
    }
    if (this.problem) return { valid: false, problem: this.problem };
    return { valid: true, events: this.events, streams: this.streams.size, merkleRoot: this.merkle.root() };
  }

  private check(text: string): { line?: number; reason: string } | null {
    if (this.manifest) return { reason: 'a line after the manifest' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { reason: 'not JSON' };
    }
    if (!isObject(parsed)) return { reason: 'not a JSON object' };
    if ('manifest' in parsed) return this.checkManifest(parsed.manifest);
    const reason = this.checkEvent(parsed);
    if (reason) return reason;
    this.events++;
    this.merkle.add(text);
    this.previous = lineHash(text);
    return null;
  }

  private checkEvent(line: Json): { line?: number; reason: string } | null {
    if (line.line !== this.lines) {
      return {
        reason: `expected line number ${this.lines}, found ${String(line.line)}: a line was removed, added or moved`,
      };
    }
    if (line.previousLine !== this.previous) {
      return this.lines === 1
        ? { reason: 'previousLine of the first line is not zeros' }
        : { line: this.lines - 1, reason: `altered: line ${this.lines} names another text before it` };
    }
    const position = line.globalPosition;
    if (typeof position !== 'number' || (this.lastPosition !== null && position <= this.lastPosition)) {
      return { reason: 'out of global order' };
    }
    const event = line as unknown as SealedEvent;
    if (Array.isArray(line.redacted)) {
      if (line.storedHashValid !== true)
        return { reason: 'the stored event does not match its hash (checked at export)' };
    } else if (!HASHED_FIELDS.every((field) => field in line) || hashEvent(event) !== event.hash) {
      return { reason: 'the event hash does not match its content' };
    }
    const chain = this.chainProblem(event);
    if (chain) return { reason: chain };
    this.firstPosition ??= position;
    this.lastPosition = position;
    return null;
  }

  private chainProblem(event: SealedEvent): string | null {
    const seen = this.streams.get(event.streamId);
    if (!seen) {
      if (event.revision === 0 && event.prevHash !== GENESIS_HASH)
        return 'a first event whose prevHash is not the genesis';
      this.streams.set(event.streamId, {
        events: 1,
        firstRevision: event.revision,
        firstPrevHash: event.prevHash,
        headRevision: event.revision,
        headHash: event.hash,
      });
      return null;
    }
    if (event.revision !== seen.headRevision + 1) {
      return `${event.streamId} expected at revision ${seen.headRevision + 1}, found ${event.revision}`;
    }
    if (event.prevHash !== seen.headHash)
      return `prevHash is not the hash of ${event.streamId}@${seen.headRevision}`;
    seen.events++;
    seen.headRevision = event.revision;
    seen.headHash = event.hash;
    return null;
  }

  private checkManifest(value: unknown): { line?: number; reason: string } | null {
    if (!isObject(value) || value.format !== AUDIT_EXPORT_FORMAT)
      return { reason: `not a ${AUDIT_EXPORT_FORMAT} manifest` };
    const manifest = value as unknown as AuditExportManifest;
    const expect: ReadonlyArray<[string, unknown, unknown]> = [
      ['events', manifest.events, this.events],
      ['firstPosition', manifest.firstPosition, this.firstPosition],
      ['lastPosition', manifest.lastPosition, this.lastPosition],
      ['lastLineHash', manifest.lastLineHash, this.previous],
      ['merkleRoot', manifest.merkleRoot, this.merkle.root()],
    ];
    for (const [field, stated, found] of expect) {
      if (stated !== found) {
        return {
          reason: `manifest ${field} is ${String(stated)}, the lines give ${String(found)}: a line was removed or altered`,
        };
      }
    }
    const problem = this.streamsProblem(Array.isArray(manifest.streams) ? manifest.streams : []);
    if (problem) return { reason: problem };
    this.manifest = manifest;
    return null;
  }

  private streamsProblem(stated: readonly ExportedStream[]): string | null {
    if (stated.length !== this.streams.size) {
      return `manifest lists ${stated.length} streams, the lines hold ${this.streams.size}`;
    }
    for (const stream of stated) {
      const seen = this.streams.get(stream.streamId);
      const fields = ['events', 'firstRevision', 'firstPrevHash', 'headRevision', 'headHash'] as const;
      const differing = seen ? fields.find((field) => stream[field] !== seen[field]) : 'streamId';
      if (differing) return `manifest ${differing} of ${stream.streamId} does not match the lines`;
    }
    return null;
  }
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
