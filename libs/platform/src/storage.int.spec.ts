import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteDocumentStore,
  SqliteEventStore,
  FileSystemFileStore,
  SqliteKeyStore,
  SqliteMessageLog,
} from '@kesu/adapter-embedded';
import { ManualClock } from '@kesu/ports';
import { type PlatformConfig, loadConfig } from './config';
import { PlatformModule } from './platform.module';
import { type EngineConnectors, openStorage } from './storage';

const ENGINES = {
  ESDB_URL: 'kurrentdb://kurrentdb:2113?tls=false',
  KAFKA_BROKERS: 'kafka:9092',
  MONGO_URL: 'mongodb://mongo:27017/kesu?replicaSet=rs0',
};

/** Stand-ins for the engines' adapters that record how they were opened and closed. */
function recordingConnectors(failing?: keyof EngineConnectors) {
  const calls: string[] = [];
  const adapter = (name: string) => {
    calls.push(`open ${name}`);
    if (name === failing) throw new Error(`${name} is unreachable`);
    return { name, close: async () => void calls.push(`close ${name}`) };
  };
  const connectors = {
    eventStoreDb: async (config: PlatformConfig) => ({ ...adapter('eventStoreDb'), url: config.esdbUrl }),
    kafka: async (_config: PlatformConfig, _clock: unknown, clientId: string) => ({
      ...adapter('kafka'),
      clientId,
    }),
    mongodb: async () => {
      const mongo = adapter('mongodb');
      return {
        ...mongo,
        documents: { mongo: 'documents' },
        keys: { mongo: 'keys' },
        files: { mongo: 'files' },
      };
    },
  } as unknown as EngineConnectors;
  return { calls, connectors };
}

describe('openStorage, the composition root of the ports', () => {
  let dataDir: string;
  const clock = new ManualClock();
  const configOf = (env: Record<string, string>) => ({ ...loadConfig(env), dataDir });

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'kesu-storage-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('puts every port on the SQLite file by default', async () => {
    const { calls, connectors } = recordingConnectors();
    const storage = await openStorage(configOf({}), clock, 'intake', connectors);
    try {
      expect(storage.eventStore).toBeInstanceOf(SqliteEventStore);
      expect(storage.messageLog).toBeInstanceOf(SqliteMessageLog);
      expect(storage.documents).toBeInstanceOf(SqliteDocumentStore);
      expect(storage.keys).toBeInstanceOf(SqliteKeyStore);
      expect(storage.files).toBeInstanceOf(FileSystemFileStore);
      expect(existsSync(join(dataDir, 'kesu.db'))).toBe(true);
      expect(calls).toEqual([]);
    } finally {
      await storage.close();
    }
  });

  it('opens EventStoreDB, Kafka and MongoDB in distributed mode, and no SQLite file', async () => {
    const { calls, connectors } = recordingConnectors();
    const storage = await openStorage(
      configOf({ STORAGE: 'distributed', ...ENGINES }),
      clock,
      'sla',
      connectors,
    );
    expect(storage.eventStore).toMatchObject({ name: 'eventStoreDb', url: ENGINES.ESDB_URL });
    expect(storage.messageLog).toMatchObject({ name: 'kafka', clientId: 'kesu-sla' });
    expect(storage.documents).toEqual({ mongo: 'documents' });
    expect(storage.keys).toEqual({ mongo: 'keys' });
    expect(storage.files).toEqual({ mongo: 'files' });
    expect(storage.embedded).toBeUndefined();
    expect(existsSync(join(dataDir, 'kesu.db'))).toBe(false);

    await storage.close();
    expect(calls).toEqual([
      'open eventStoreDb',
      'open kafka',
      'open mongodb',
      'close mongodb',
      'close kafka',
      'close eventStoreDb',
    ]);
  });

  it('mixes adapters port by port, the key store following the document store', async () => {
    const { calls, connectors } = recordingConnectors();
    const config = configOf({ STORAGE: 'distributed', MESSAGE_LOG: 'embedded', ...ENGINES });
    const storage = await openStorage(config, clock, 'analytics', connectors);
    try {
      expect(storage.eventStore).toMatchObject({ name: 'eventStoreDb' });
      expect(storage.messageLog).toBeInstanceOf(SqliteMessageLog);
      expect(storage.keys).toEqual({ mongo: 'keys' });
      expect(storage.files).toEqual({ mongo: 'files' });
      expect(calls).toEqual(['open eventStoreDb', 'open mongodb']);
    } finally {
      await storage.close();
    }
  });

  it('closes what it opened when an engine cannot be reached, naming the setting', async () => {
    const { calls, connectors } = recordingConnectors('mongodb');
    const config = configOf({ STORAGE: 'distributed', ...ENGINES });
    await expect(openStorage(config, clock, 'intake', connectors)).rejects.toThrow(
      'cannot open the storage named by MONGO_URL: mongodb is unreachable',
    );
    expect(calls).toEqual([
      'open eventStoreDb',
      'open kafka',
      'open mongodb',
      'close kafka',
      'close eventStoreDb',
    ]);
  });

  it('reaches the real MongoDB adapter when chosen, and says which setting points nowhere', async () => {
    const config = configOf({
      DOCUMENT_STORE: 'mongodb',
      MONGO_URL: 'mongodb://kesu:secret@127.0.0.1:1/kesu?serverSelectionTimeoutMS=300',
    });
    const failure = openStorage(config, clock, 'intake');
    await expect(failure).rejects.toThrow(
      /^cannot open the storage named by MONGO_URL: cannot reach MongoDB at mongodb:\/\/kesu:\*+@127\.0\.0\.1:1/,
    );
    await expect(failure).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    );
  });

  it('refuses to build a service whose configuration is incomplete, before opening anything', () => {
    expect(() => PlatformModule.forRoot({ service: 'intake', env: { STORAGE: 'distributed' } })).toThrow(
      'ESDB_URL is required when EVENT_STORE=eventstoredb',
    );
    expect(() =>
      PlatformModule.forRoot({
        service: 'intake',
        env: { ...ENGINES, STORAGE: 'distributed', KAFKA_BROKERS: '' },
      }),
    ).toThrow('KAFKA_BROKERS is required when MESSAGE_LOG=kafka');
  });
});
