import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ExportedStream, StreamEnds } from '@kesu/analytics-domain';

/**
 * The stream ends of one export, kept in a scratch SQLite file so an export of millions of streams
 * holds none of them in memory; `close` deletes the file.
 */
export class StreamEndsOnDisk implements StreamEnds {
  private readonly folder = mkdtempSync(join(tmpdir(), 'kesu-export-'));
  private readonly db = new DatabaseSync(join(this.folder, 'streams.db'));
  private readonly read: StatementSync;
  private readonly write: StatementSync;

  constructor() {
    this.db.exec(`PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
      CREATE TABLE streams (stream_id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;`);
    this.read = this.db.prepare('SELECT body FROM streams WHERE stream_id = ?');
    this.write = this.db.prepare('INSERT OR REPLACE INTO streams (stream_id, body) VALUES (?, ?)');
  }

  get(streamId: string): ExportedStream | undefined {
    const row = this.read.get(streamId) as { body: string } | undefined;
    return row && (JSON.parse(row.body) as ExportedStream);
  }

  set(stream: ExportedStream): void {
    this.write.run(stream.streamId, JSON.stringify(stream));
  }

  *all(): Iterable<ExportedStream> {
    const rows = this.db.prepare('SELECT body FROM streams ORDER BY stream_id').iterate();
    for (const row of rows) yield JSON.parse((row as { body: string }).body) as ExportedStream;
  }

  close(): void {
    this.db.close();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
