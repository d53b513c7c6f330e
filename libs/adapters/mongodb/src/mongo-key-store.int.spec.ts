import { keyStoreFeatures, describeWithEngine, uniqueName } from '@kesu/testing';
import { connectMongo } from './mongo-connection';
import { dataKeyId } from './mongo-key-store';

describeWithEngine('MONGO_URL', 'MongoDB', 'MongoKeyStore contract', (url) => {
  keyStoreFeatures('MongoKeyStore', async () => {
    const database = uniqueName('kesu-test');
    let storage = await connectMongo({ url, database });
    return {
      store: storage.keys,
      async restart() {
        await storage.close();
        storage = await connectMongo({ url, database });
        return storage.keys;
      },
      async close() {
        await storage.client.db(database).dropDatabase();
        await storage.close();
      },
    };
  });

  describe('MongoKeyStore erasure', () => {
    it('replaces the key by a tombstone, only when it was erased', async () => {
      const database = uniqueName('kesu-test');
      const storage = await connectMongo({ url, database });
      try {
        await storage.keys.getOrCreate('t1', 'p1');
        const entries = storage.client.db(database).collection('data_keys');
        const live = await entries.findOne({ _id: dataKeyId('t1', 'p1') } as never);
        expect(live?.key?.length()).toBe(32);
        expect(live?.erased).toBeUndefined();
        await storage.keys.erase('t1', 'p1');
        const tombstone = await entries.findOne({ _id: dataKeyId('t1', 'p1') } as never);
        expect(tombstone).toEqual({
          _id: 't1:p1',
          tenantId: 't1',
          subjectId: 'p1',
          erased: true,
          erasedAt: expect.any(Date),
        });
      } finally {
        await storage.client.db(database).dropDatabase();
        await storage.close();
      }
    });
  });
});
