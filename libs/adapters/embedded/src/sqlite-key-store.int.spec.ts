import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyStoreFeatures } from '@kesu/testing';
import { EmbeddedDatabase } from './database';
import { SqliteKeyStore } from './sqlite-key-store';

keyStoreFeatures('SqliteKeyStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-'));
  const file = join(dir, 'kesu.db');
  let database = new EmbeddedDatabase({ file });
  return {
    store: new SqliteKeyStore(database),
    async restart() {
      await database.close();
      database = new EmbeddedDatabase({ file });
      return new SqliteKeyStore(database);
    },
    async close() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteKeyStore erasure', () => {
  it('leaves no key bytes in the row, only when it was erased', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kesu-'));
    const database = new EmbeddedDatabase({ file: join(dir, 'kesu.db') });
    try {
      const keys = new SqliteKeyStore(database);
      await keys.getOrCreate('t1', 'p1');
      await keys.erase('t1', 'p1');
      const row = database.db.prepare('SELECT key, erased_at FROM data_keys').get() as Record<
        string,
        unknown
      >;
      expect(row.key).toBeNull();
      expect(typeof row.erased_at).toBe('string');
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
