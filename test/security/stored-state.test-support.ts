import type { DatabaseSync } from 'node:sqlite';
import type { EventStore } from '@kesu/ports';

/*
 * What a request may have stored, to tell that a refused one stored nothing: the event store's head,
 * and every row written to the tables that hold what the services keep.
 */

/** The event store's head, and the rows written to each stored table since the app started. */
export interface StoredState {
  readonly headPosition: number;
  /** Rows inserted, updated or deleted, by table (documents by collection). */
  readonly writes: Readonly<Record<string, number>>;
}

/**
 * Collections of leases, taken and released around a piece of work whether or not it stores anything:
 * the relay's and jobs' leader leases (renewed on their own), a tenant's merge lock, the same-matter
 * leases of a registration. Coordination, not what a request stores.
 */
const LEASES = ['leader_leases', 'classification_incident_merge_locks', 'intake_same_matter_leases'];

/** What a written row counts as, by table (documents by collection), and which rows are not counted. */
const WRITTEN: Readonly<Record<string, { name: (row: string) => string; unless?: (row: string) => string }>> =
  {
    events: { name: () => "'events'" },
    documents: {
      name: (row) => `'documents.' || ${row}.collection`,
      unless: (row) => `${row}.collection IN (${LEASES.map((name) => `'${name}'`).join(', ')})`,
    },
    data_keys: { name: () => "'data_keys'" },
  };

/**
 * Counts every row written to the stored tables through the app's connection (the one every adapter
 * writes through), in a table of the connection's own temporary schema: a write that changes no count
 * or head — a document updated in place — is seen too. Returns how to read what is stored.
 */
export function watchStoredState(db: DatabaseSync, store: EventStore): () => Promise<StoredState> {
  db.exec('CREATE TEMP TABLE security_writes (name TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  for (const [table, { name, unless }] of Object.entries(WRITTEN))
    for (const operation of ['INSERT', 'UPDATE', 'DELETE']) {
      const row = operation === 'DELETE' ? 'OLD' : 'NEW';
      db.exec(
        `CREATE TEMP TRIGGER security_${table}_${operation.toLowerCase()} AFTER ${operation} ON main.${table}
         ${unless ? `WHEN NOT (${unless(row)})` : ''}
         BEGIN
           INSERT INTO security_writes VALUES (${name(row)}, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1;
         END`,
      );
    }
  const read = db.prepare('SELECT name, n FROM security_writes ORDER BY name');
  return async () => ({
    headPosition: await store.headPosition(),
    writes: Object.fromEntries(read.all().map((row) => [String(row.name), Number(row.n)])),
  });
}

/**
 * The subscriptions of the KPI rollups' builds still running (the live one and one building): a
 * build retired by a rebuild keeps the checkpoint where its subscription stopped until the worker
 * has removed it, a moment later.
 */
function runningRollupBuilds(db: DatabaseSync): string[] {
  const row = db
    .prepare("SELECT doc FROM documents WHERE collection = 'analytics_kpi_builds' AND id = 'rollups'")
    .get();
  if (!row) return [];
  const builds = JSON.parse(String(row.doc)) as { live: string | null; building: { build: string } | null };
  return [builds.live, builds.building?.build]
    .filter((build): build is string => !!build)
    .map((build) => `analytics-kpi-rollups-${build}`);
}

/** Whether the relay and every running subscription have reached the head, and every consumer group has handled every message. */
export function caughtUp(db: DatabaseSync): boolean {
  const head = Number(db.prepare('SELECT COALESCE(MAX(global_position), 0) AS n FROM events').get()?.n);
  const running = runningRollupBuilds(db);
  const relaying = db
    .prepare(
      `SELECT COUNT(*) AS n FROM subscription_checkpoints WHERE position < ?
       AND (name NOT LIKE 'analytics-kpi-rollups-%' OR name IN (SELECT value FROM json_each(?)))`,
    )
    .get(head, JSON.stringify(running));
  const consuming = db
    .prepare(
      `SELECT COUNT(*) AS n FROM consumer_leases l
       JOIN (SELECT topic, partition, MAX(offset) AS last FROM messages GROUP BY topic, partition) m
         ON m.topic = l.topic
       LEFT JOIN consumer_offsets o
         ON o.group_id = l.group_id AND o.topic = m.topic AND o.partition = m.partition
       WHERE COALESCE(o.next_offset, 0) <= m.last`,
    )
    .get();
  return Number(relaying?.n) === 0 && Number(consuming?.n) === 0;
}
