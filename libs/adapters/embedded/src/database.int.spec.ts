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
});
