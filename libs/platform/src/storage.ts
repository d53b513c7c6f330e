import { Inject, Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createEmbeddedStorage, type EmbeddedStorage } from '@kesu/adapter-embedded';
import type { Clock, DocumentStore, EventStore, FileStore, KeyStore, MessageLog } from '@kesu/ports';
import type { AdapterChoice, PlatformConfig } from './config';
import type { PlatformOptions } from './platform-options';
import {
  CLOCK,
  CONFIG,
  DOCUMENT_STORE,
  EMBEDDED_STORAGE,
  EVENT_STORE,
  FILE_STORE,
  KEY_STORE,
  MESSAGE_LOG,
  PLATFORM_OPTIONS,
  STORAGE,
} from './tokens';

/** The ports of one process, behind the adapters its configuration chose. */
export interface Storage {
  readonly adapters: AdapterChoice;
  readonly eventStore: EventStore;
  readonly messageLog: MessageLog;
  readonly documents: DocumentStore;
  readonly keys: KeyStore;
  /** Files by content hash: GridFS with the MongoDB document store, under DATA_DIR otherwise. */
  readonly files: FileStore;
  /** The SQLite file, when at least one port is embedded. */
  readonly embedded?: EmbeddedStorage;
  /** Stops subscriptions and consumers, then closes every connection. */
  close(): Promise<void>;
}

interface Closeable {
  close(): Promise<void>;
}

/**
 * Opens the distributed adapters. The client libraries are loaded only when chosen, so an embedded
 * process never loads gRPC, Kafka or MongoDB code.
 */
export interface EngineConnectors {
  eventStoreDb(config: PlatformConfig, clock: Clock): Promise<EventStore & Closeable>;
  kafka(config: PlatformConfig, clock: Clock, clientId: string): Promise<MessageLog & Closeable>;
  mongodb(
    config: PlatformConfig,
  ): Promise<{ documents: DocumentStore; keys: KeyStore; files: FileStore } & Closeable>;
}

export const engineConnectors: EngineConnectors = {
  async eventStoreDb(config, clock) {
    const { connectKurrentEventStore } = await import('@kesu/adapter-eventstoredb');
    return connectKurrentEventStore({ connectionString: config.esdbUrl!, clock });
  },
  async kafka(config, clock, clientId) {
    const { connectKafka } = await import('@kesu/adapter-kafka');
    const logger = new Logger('Kafka');
    const line = (message: string, details?: object) =>
      details ? `${message} ${JSON.stringify(details)}` : message;
    return connectKafka({
      brokers: config.kafkaBrokers!,
      clientId,
      clock,
      defaultPartitions: config.kafkaPartitions,
      replicationFactor: config.kafkaReplicationFactor,
      logger: {
        info: (message, details) => logger.log(line(message, details)),
        warn: (message, details) => logger.warn(line(message, details)),
        error: (message, details) => logger.error(line(message, details)),
      },
    });
  },
  async mongodb(config) {
    const { connectMongo } = await import('@kesu/adapter-mongodb');
    return connectMongo({ url: config.mongoUrl! });
  },
};

/**
 * The composition root of storage: opens each port on the adapter the configuration chose (the
 * key store follows the document store). When one engine cannot be reached, whatever was already
 * opened is closed again and the error names the setting to check.
 */
export async function openStorage(
  config: PlatformConfig,
  clock: Clock,
  service: string,
  connectors: EngineConnectors = engineConnectors,
): Promise<Storage> {
  const { adapters } = config;
  const opened: Closeable[] = [];
  const open = async <T extends Closeable>(setting: string, connect: () => Promise<T>): Promise<T> => {
    try {
      const adapter = await connect();
      opened.unshift(adapter);
      return adapter;
    } catch (error) {
      throw new Error(`cannot open the storage named by ${setting}: ${describe(error)}`, { cause: error });
    }
  };
  try {
    const usesEmbedded = Object.values(adapters).includes('embedded');
    const embedded = usesEmbedded
      ? await open('DATA_DIR', async () =>
          createEmbeddedStorage({ dataDir: config.dataDir, clock, pollIntervalMs: config.pollIntervalMs }),
        )
      : undefined;
    const eventStore =
      adapters.eventStore === 'eventstoredb'
        ? await open('ESDB_URL', () => connectors.eventStoreDb(config, clock))
        : embedded!.eventStore;
    const messageLog =
      adapters.messageLog === 'kafka'
        ? await open('KAFKA_BROKERS', () => connectors.kafka(config, clock, `kesu-${service}`))
        : embedded!.messageLog;
    const mongo =
      adapters.documentStore === 'mongodb'
        ? await open('MONGO_URL', () => connectors.mongodb(config))
        : undefined;
    return {
      adapters,
      eventStore,
      messageLog,
      documents: mongo?.documents ?? embedded!.documents,
      keys: mongo?.keys ?? embedded!.keys,
      files: mongo?.files ?? embedded!.files,
      embedded,
      close: () => closeAll(opened),
    };
  } catch (error) {
    await closeAll(opened).catch(() => undefined);
    throw error;
  }
}

/** Closes in the reverse order of opening: consumers and subscriptions before the file they use. */
async function closeAll(opened: readonly Closeable[]): Promise<void> {
  for (const adapter of opened) await adapter.close();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Closes the storage when the application shuts down. It is the only shutdown hook of the (global)
 * platform module, which Nest shuts down after every other module, so the storage closes last.
 */
@Injectable()
export class StorageLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

/** The ports, each on the adapter the configuration chose. */
export const storageProviders: Provider[] = [
  {
    provide: STORAGE,
    inject: [CONFIG, CLOCK, PLATFORM_OPTIONS],
    useFactory: (config: PlatformConfig, clock: Clock, options: PlatformOptions): Promise<Storage> =>
      openStorage(config, clock, options.service),
  },
  { provide: EMBEDDED_STORAGE, inject: [STORAGE], useFactory: (s: Storage) => s.embedded ?? null },
  { provide: EVENT_STORE, inject: [STORAGE], useFactory: (s: Storage) => s.eventStore },
  { provide: MESSAGE_LOG, inject: [STORAGE], useFactory: (s: Storage) => s.messageLog },
  { provide: DOCUMENT_STORE, inject: [STORAGE], useFactory: (s: Storage) => s.documents },
  { provide: KEY_STORE, inject: [STORAGE], useFactory: (s: Storage) => s.keys },
  { provide: FILE_STORE, inject: [STORAGE], useFactory: (s: Storage) => s.files },
  StorageLifecycle,
];
