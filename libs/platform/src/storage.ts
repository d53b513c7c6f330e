import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createEmbeddedStorage, type EmbeddedStorage } from '@kesu/adapter-embedded';
import type { Clock } from '@kesu/ports';
import type { PlatformConfig } from './config';
import {
  CLOCK,
  CONFIG,
  DOCUMENT_STORE,
  EMBEDDED_STORAGE,
  EVENT_STORE,
  KEY_STORE,
  MESSAGE_LOG,
} from './tokens';

/**
 * Closes the storage when the application shuts down. It is the only shutdown hook of the (global)
 * platform module, which Nest shuts down after every other module, so the database closes last.
 */
@Injectable()
export class StorageLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EMBEDDED_STORAGE) private readonly storage: EmbeddedStorage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

/** The ports, all from one embedded storage instance on DATA_DIR. */
export const storageProviders: Provider[] = [
  {
    provide: EMBEDDED_STORAGE,
    inject: [CONFIG, CLOCK],
    useFactory: (config: PlatformConfig, clock: Clock): EmbeddedStorage =>
      createEmbeddedStorage({ dataDir: config.dataDir, clock, pollIntervalMs: config.pollIntervalMs }),
  },
  { provide: EVENT_STORE, inject: [EMBEDDED_STORAGE], useFactory: (s: EmbeddedStorage) => s.eventStore },
  { provide: MESSAGE_LOG, inject: [EMBEDDED_STORAGE], useFactory: (s: EmbeddedStorage) => s.messageLog },
  { provide: DOCUMENT_STORE, inject: [EMBEDDED_STORAGE], useFactory: (s: EmbeddedStorage) => s.documents },
  { provide: KEY_STORE, inject: [EMBEDDED_STORAGE], useFactory: (s: EmbeddedStorage) => s.keys },
  StorageLifecycle,
];
