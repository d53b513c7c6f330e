import type { Clock } from '@kesu/ports';
import type { DestinationStream } from 'pino';
import type { PlatformConfig } from './config';
import type { TenantDirectory } from './tenant-directory';

/** Options of PlatformModule.forRoot. */
export interface PlatformOptions {
  /** The service name, carried by logs and metrics. */
  readonly service: string;
  /** The Clock port (default: SystemClock); tests pass a ManualClock. */
  readonly clock?: Clock;
  /** Run the relay from the event store to the message log (default true). */
  readonly relay?: boolean;
  /** The relay's leader lease among replicas (default DEFAULT_RELAY_LEASE: 15 s, checked every 3 s). */
  readonly relayLease?: Partial<RelayLeaseTiming>;
  /** Values that override the environment's (applied after loadConfig, then validated). */
  readonly config?: Partial<PlatformConfig>;
  /** Where JSON logs go (default stdout). */
  readonly logDestination?: DestinationStream;
  /** Environment to read the configuration from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Tenants' directories held from the start (tests of a single service: `DEMO_DIRECTORY`), until a
   * published one replaces them. In production none: directories are published by the service
   * that owns the organisations and read from the document store.
   */
  readonly directories?: readonly TenantDirectory[];
  /** How often published directories are looked for (default DEFAULT_DIRECTORY_REFRESH_MS). */
  readonly directoryRefreshMs?: number;
}

/** How long a relay leader's lease lasts without renewal, and how often replicas check it. */
export interface RelayLeaseTiming {
  readonly leaseMs: number;
  readonly checkMs: number;
}
