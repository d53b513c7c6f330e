import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from './database';

describe('embedded database', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'kesu-db-')), 'kesu.db');

  it('commits concurrent writes together and rolls a failing write back alone', async () => {
    const database = new EmbeddedDatabase({ file: file() });
    database.migrate('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    let commits = 0;
    database.events.on('commit', () => commits++);
    const writes = Array.from({ length: 50 }, (_, i) =>
      database.write((db) =>
        db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(i, i === 7 ? null : `v${i}`),
      ),
    );
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    expect(database.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 49 });
    expect(commits).toBe(1);
    await database.close();
  });

  it('answers a full disk with StorageFullError, keeps nothing of the batch, and writes again once there is room', async () => {
    const database = new EmbeddedDatabase({ file: file() });
    database.migrate('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    await database.write((db) => db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(0, 'kept'));
    const pages = Number(database.db.prepare('PRAGMA page_count').get()?.page_count);
    database.db.exec(`PRAGMA max_page_count = ${pages}`); // as if the disk were full now
    const big = 'x'.repeat(64 * 1024);
    const small = database.write((db) => db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(1, 'y'));
    const large = database.write((db) => db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(2, big));
    const outcomes = await Promise.allSettled([small, large]);
    expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as Error).name)).toEqual([
      'StorageFullError',
      'StorageFullError',
    ]);
    expect(database.db.prepare('SELECT id FROM t').all()).toEqual([{ id: 0 }]);

    database.db.exec(`PRAGMA max_page_count = ${pages * 1000}`); // the space returns
    await database.write((db) => db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(2, big));
    expect(database.db.prepare('SELECT id FROM t').all()).toEqual([{ id: 0 }, { id: 2 }]);
    await database.close();
  });

  it('checkpoints the write-ahead log off the main thread', async () => {
    const path = file();
    const database = new EmbeddedDatabase({ file: path });
    expect(database.db.prepare('PRAGMA wal_autocheckpoint').get()).toEqual({ wal_autocheckpoint: 0 });
    database.migrate('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const before = statSync(path).size;
    await database.write((db) => {
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000));
    });
    const deadline = Date.now() + 10_000;
    while (statSync(path).size < before + 1_000_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statSync(path).size).toBeGreaterThan(before + 1_000_000);
    await database.close();
  });

  describe('durability', () => {
    /** A log sync the test finishes by hand. */
    function manualSync() {
      const calls: Array<{ finish: () => void; fail: (error: Error) => void }> = [];
      const syncWal = () =>
        new Promise<void>((resolve, reject) => calls.push({ finish: resolve, fail: reject }));
      return { calls, syncWal };
    }
    const settled = async (promise: Promise<unknown>) => {
      let state = 'pending';
      promise.then(
        () => (state = 'resolved'),
        () => (state = 'rejected'),
      );
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      return state;
    };
    const insert = (database: EmbeddedDatabase, v: string) =>
      database.write((db) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v));

    it('resolves a write only after a sync of the log that started once it had committed', async () => {
      const sync = manualSync();
      const database = new EmbeddedDatabase({ file: file(), syncWal: sync.syncWal });
      database.migrate('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
      const first = insert(database, 'a');
      expect(await settled(first)).toBe('pending');
      expect(sync.calls).toHaveLength(1);
      // committed and visible while its sync runs, and the event loop is free for the next commits
      expect(database.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
      const second = insert(database, 'b');
      const third = insert(database, 'c');
      await settled(second);
      expect(database.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3 });
      // the commits made during the first sync wait for one more, shared
      expect(sync.calls).toHaveLength(1);
      sync.calls[0]!.finish();
      expect(await settled(first)).toBe('resolved');
      expect(await settled(second)).toBe('pending');
      expect(sync.calls).toHaveLength(2);
      sync.calls[1]!.finish();
      expect(await settled(second)).toBe('resolved');
      expect(await settled(third)).toBe('resolved');
      expect(sync.calls).toHaveLength(2);
      await database.close();
    });

    it('fails the writes of a failed sync and every later write', async () => {
      const sync = manualSync();
      const database = new EmbeddedDatabase({ file: file(), syncWal: sync.syncWal });
      database.migrate('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
      const write = insert(database, 'a');
      await settled(write);
      sync.calls[0]!.fail(new Error('EIO: i/o error, fsync'));
      await expect(write).rejects.toThrow('the database file could not be made durable: EIO');
      await expect(insert(database, 'b')).rejects.toThrow('could not be made durable');
      await database.close();
    });

    it('syncs the log with fsync by default, and keeps what was written across a reopen', async () => {
      const path = file();
      const database = new EmbeddedDatabase({ file: path });
      expect(database.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });
      database.migrate('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
      await Promise.all(Array.from({ length: 20 }, (_, i) => insert(database, `v${i}`)));
      await database.close();
      const reopened = new EmbeddedDatabase({ file: path });
      expect(reopened.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20 });
      await reopened.close();
    });
  });
});
