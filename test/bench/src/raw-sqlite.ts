import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { config, deadline, documentedCeilings, now, perSecond, progress, tempDir } from './common';

export interface RawSqliteResult {
  readonly payloadBytes: number;
  readonly singleRowCommits: { rows: number; commitsPerSecond: number; documented: number };
  readonly batchedCommitsOf10: {
    rows: number;
    rowsPerSecond: number;
    commitsPerSecond: number;
    documented: number;
  };
  /** The ceilings issue 20 names for the event store: rows in commits of 100 and of 1,000. */
  readonly batchedCommitsOf100: BatchFigures & { documented: number };
  readonly batchedCommitsOf1000: BatchFigures & { documented: number };
  readonly pointReads: { reads: number; readsPerSecond: number; documented: number; note: string };
}

export interface BatchFigures {
  readonly rows: number;
  readonly rowsPerSecond: number;
  readonly commitsPerSecond: number;
}

/** `n` rows in commits of `size` (one fsync each), until done or out of time. */
function commitsOf(
  db: DatabaseSync,
  insert: StatementSync,
  payload: string,
  n: number,
  size: number,
): BatchFigures {
  progress(`raw sqlite: ${n} rows in commits of ${size}`);
  const limit = deadline();
  let rows = 0;
  const start = now();
  while (rows < n && !limit.passed()) {
    db.exec('BEGIN');
    for (let i = 0; i < size; i++) insert.run(`c${size}-${rows + i}`, payload);
    db.exec('COMMIT');
    rows += size;
  }
  const ms = now() - start;
  return { rows, rowsPerSecond: perSecond(rows, ms), commitsPerSecond: perSecond(rows / size, ms) };
}

function open(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, stream TEXT NOT NULL, data TEXT NOT NULL)',
  );
  return db;
}

/** The ceiling: plain node:sqlite, WAL + synchronous=FULL, one fsync per commit. */
export function benchRawSqlite(payload: string): RawSqliteResult {
  const dir = tempDir('raw');
  const db = open(join(dir.path, 'raw.db'));
  try {
    const insert = db.prepare('INSERT INTO rows (stream, data) VALUES (?, ?)');
    const n = config.events;

    progress(`raw sqlite: ${n} single-row commits`);
    let limit = deadline();
    let single = 0;
    let start = now();
    while (single < n && !limit.passed()) {
      insert.run(`s-${single}`, payload);
      single++;
    }
    const singleMs = now() - start;

    progress(`raw sqlite: ${n} rows in commits of 10`);
    limit = deadline();
    let batched = 0;
    start = now();
    while (batched < n && !limit.passed()) {
      db.exec('BEGIN');
      for (let i = 0; i < 10; i++) insert.run(`b-${batched + i}`, payload);
      db.exec('COMMIT');
      batched += 10;
    }
    const batchedMs = now() - start;

    // at least ten commits of each size, so a small run still measures more than one fsync
    const of100 = commitsOf(db, insert, payload, Math.max(n, 1_000), 100);
    const of1000 = commitsOf(db, insert, payload, Math.max(n, 10_000), 1_000);

    const total = (db.prepare('SELECT max(id) AS n FROM rows').get() as { n: number }).n;
    const select = db.prepare('SELECT id, stream, data FROM rows WHERE id = ?');
    const reads = Math.max(config.reads, 20_000);
    progress(`raw sqlite: ${reads} point reads among ${total} rows`);
    limit = deadline();
    let read = 0;
    start = now();
    while (read < reads && !limit.passed()) {
      const row = select.get(1 + ((read * 7919) % total)) as { data: string } | undefined;
      if (!row) throw new Error('raw read missed a row');
      read++;
    }
    const readMs = now() - start;

    return {
      payloadBytes: Buffer.byteLength(payload),
      singleRowCommits: {
        rows: single,
        commitsPerSecond: perSecond(single, singleMs),
        documented: documentedCeilings.rawSingleCommitsPerSecond,
      },
      batchedCommitsOf10: {
        rows: batched,
        rowsPerSecond: perSecond(batched, batchedMs),
        commitsPerSecond: perSecond(batched / 10, batchedMs),
        documented: documentedCeilings.rawBatchedRowsPerSecond,
      },
      batchedCommitsOf100: { ...of100, documented: documentedCeilings.rawRowsInCommitsOf100PerSecond },
      batchedCommitsOf1000: { ...of1000, documented: documentedCeilings.rawRowsInCommitsOf1000PerSecond },
      pointReads: {
        reads: read,
        readsPerSecond: perSecond(read, readMs),
        documented: documentedCeilings.rawReadsPerSecond,
        note: 'one row by primary key, not parsed; the documented figure counts whole streams read',
      },
    };
  } finally {
    db.close();
    dir.cleanup();
  }
}
