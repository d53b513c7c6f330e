import { describeWithEngine, fileStoreFeatures, uniqueName } from '@kesu/testing';
import { connectMongo } from './mongo-connection';

describeWithEngine('MONGO_URL', 'MongoDB', 'MongoFileStore contract (GridFS)', (url) => {
  fileStoreFeatures('MongoFileStore', async () => {
    const database = uniqueName('kesu-test');
    let storage = await connectMongo({ url, database });
    return {
      store: storage.files,
      async restart() {
        await storage.close();
        storage = await connectMongo({ url, database });
        return storage.files;
      },
      async close() {
        await storage.client.db(database).dropDatabase();
        await storage.close();
      },
    };
  });
});
